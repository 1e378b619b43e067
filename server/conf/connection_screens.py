"""
The screen a player sees on connecting, before logging in. Evennia picks a random string
from this module; there is one, so every player sees the same scene.
"""

CONNECTION_SCREEN = """
|y==============================================================================|n
                         |wS E C O N D   C H A N C E S|n
|y==============================================================================|n

 Nine years after the Chuunin exams, Konoha is rubble. The Sound holds half the
 village; smoke hangs over the eastern districts. Fewer than three hundred ninja
 of the Leaf are left, hidden in a ruined house at the foot of the Hokage
 Monument, while the last civilians crawl out through the tunnels in the stone.

 You are one of those ninja. Every raid you run buys the village a little time.
 If the Leaf falls, a forbidden jutsu may give the world a second chance.

 |wNew here?|n   create <name> <password>     then   connect <name> <password>
 |wReturning?|n connect <name> <password>
             Names or passwords with spaces go in "double quotes".
 |wOther|n      help   look   who   quit

|y==============================================================================|n
"""
