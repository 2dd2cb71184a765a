"""Korea Visa Guide: custom actions and the visa catalogue they answer from."""
