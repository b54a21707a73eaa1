"""SoloRec engine: ratings, models, training, evaluation. Imports no Qt."""
