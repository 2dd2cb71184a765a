"""Running the assistant: the Rasa entry point, process orchestration and custom input channels."""
