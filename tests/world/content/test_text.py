"""Lines assembled from lower-case names start with a capital, colour markup or not."""

from world.content.text import first_upper


def test_the_first_letter_after_any_markup_is_raised():
    assert (
        first_upper("the Sound chuunin captain takes 12 damage.")
        == "The Sound chuunin captain takes 12 damage."
    )
    assert first_upper("|rthe Leaf|n holds the gate.") == "|rThe Leaf|n holds the gate."
    assert first_upper("|[r|500the Sound") == "|[r|500The Sound"
    assert first_upper("") == "" and first_upper("Kiba waits.") == "Kiba waits."
