"""
Combat: ninja fights in rounds, as plain, deterministic Python.

Content is data (`data/*.yaml`): Leaf techniques and starting sets (techniques.yaml), Sound
fighters, their own techniques and AI priorities (enemies.yaml), pouch items
(items.yaml), and the numbers and outcome texts that belong to no one technique
(rules.yaml). The rules never touch Evennia, except `ninja`, the adapter for Characters.

Modules, one concept each:
    catalog     loads and checks the data: Ability, ItemSpec, EnemySpec, Rules, get_catalog()
    fighter     Fighter, the state of one combatant (health, chakra, cooldowns, poison, ...)
    encounter   Encounter, the fighters of one fight; spawn(), find(), outcome
    actions     Action; plan_technique / plan_item / plan_wait / plan_flee; check_action
    damage      the damage formula, what stops a hit, downed and killed at zero health
    effects     what each ability does to its targets (poison, clones, heal, extraction, ...)
    ai          how Sound fighters choose their action
    rounds      resolve_round(encounter, actions, rng) -> RoundResult
    messages    CombatMessage: structured events with texts for actor, target and others
    errors      CombatError (a sentence for the player)
    ninja       Character <-> Fighter: gauges, techniques, pouch and lingering poison

How a raid runs a fight (an integrator's checklist):

    from world.combat import bridge
    from world.combat.encounter import Encounter, Outcome
    from world.combat.actions import plan_technique, plan_item, plan_wait, plan_flee
    from world.combat.rounds import resolve_round
    from world.combat.errors import CombatError

    encounter = Encounter()
    for character in party:
        encounter.add(bridge.fighter_from_character(character))      # id "#<dbid>"
    for key in ("kabuto", "sound_chuunin", "sound_chuunin"):
        encounter.spawn(key)                                         # ids "kabuto", "sound_chuunin-1"

    # Commands, between rounds; CombatError text goes straight to the player:
    #   attack <target>           plan_technique(encounter, fid, "strike", target)
    #   jutsu <technique> [target] plan_technique(encounter, fid, technique, target)
    #   use <item> [target]       plan_item(encounter, fid, item, target)
    #   revive [target]           plan_technique(encounter, fid, "revive", target)
    #   carry [target]            plan_technique(encounter, fid, "carry", target)
    #   flee                      plan_flee(encounter, fid)
    #   (a player may change their mind: keep the last action per fighter id)
    pending[fid] = action

    # When every standing player has chosen, or a round timer fires:
    result = resolve_round(encounter, pending, rng)   # rng: random.Random, one per raid
    pending.clear()
    for message in result.messages:                   # in order
        for fighter_id, character in party_by_fighter_id.items():
            text = message.text_for(fighter_id)       # "" means: send nothing
            ...
        # onlookers in the room read message.to_others
    for character in party:                           # keep prompts and the database in step
        bridge.write_back(encounter.get(bridge.fighter_id_of(character)), character)
    result.died     -> ids of ninja dead for this timeline (permadeath, morgue file)
    result.killed   -> ids of Sound fighters killed (war numbers)
    result.escaped  -> ids who left alive (move them out of the raid room)
    result.outcome  -> Outcome.ONGOING / VICTORY / DEFEAT / RETREAT

Between rounds the encounter can be stored with `encounter.to_dict()` and rebuilt with
`Encounter.from_dict()`. Fighters that join mid-fight are simply `add`ed. A Fighter's
`status_tags()` gives short words ("downed (2)", "3 clones", "poisoned") for a combat
display. Rounds are counted, not timed: the cooldowns, substitutions, frenzies and
revive windows all tick in rounds, so the raid decides how long a round lasts.

Evennia contribs: health and chakra are the traits contrib's gauges on the Character, read
and written by `ninja`. The cooldowns and buffs contribs are not used inside a fight: both
count wall-clock seconds (`time.time()`, and buffs tick through `utils.delay`), store on a
database object, and would make the engine depend on a clock and a database; a round here
lasts as long as the players take to choose, so "ready in 2 rounds" cannot be expressed in
seconds. Cooldowns, poison doses, substitutions and frenzies are therefore plain counters on
the Fighter, which also keeps every fight replayable from a seed.
"""
