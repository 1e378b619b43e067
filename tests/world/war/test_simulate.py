"""The headless calibration run prints the war year by year."""

from world.war.simulate import main


def test_simulate_prints_a_table_the_fall_and_the_log(capsys):
    main(["--seed", "1", "--from", "present", "--years", "2"])
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0] == "Timeline from the present, seed 1"
    assert lines[1].split()[:4] == ["year", "Leaf", "story", "Sound"]
    assert lines[2].split()[:3] == ["9", "300", "300"]
    assert "50%" in lines[2] and "9/10/0" in lines[2]
    assert any(line.startswith("The Leaf falls in story year 10.") for line in lines)
    assert "leaf_fallen 1" in out
