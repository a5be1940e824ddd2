"""Trains the embryo-stream frame encoder and temporal heads in PyTorch and exports them to ONNX
with a model.json the Java classifier reads (see trainer-export/README.md)."""

MODEL_FORMAT = "embryo-stream-model/1"
DATASET_FORMAT = "embryo-stream-dataset/1"
