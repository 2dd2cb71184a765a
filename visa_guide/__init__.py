"""Korea Visa Guide's domain code: the visa catalogue, the answers made from it, reading a user's profile.

No Rasa imports: both the Rasa process (input channels, the NLU entity linker) and the action server use it.
"""
