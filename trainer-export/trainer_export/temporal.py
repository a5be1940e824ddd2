"""Causal temporal heads over per-frame embeddings plus hours post-insemination.

Both label a time point from the past only. Training runs them over whole sequences; export wraps
them in the graphs the classifier calls once per time point: the LSTM as a step graph carrying a flat
state vector per embryo, the Transformer as a window graph with a lengths input.
"""
import math

import torch
from torch import nn

# Periods (hours) of the sinusoidal time features: from sub-cleavage to multi-day scale.
TIME_PERIODS_H = (3.0, 6.0, 12.0, 24.0, 48.0, 96.0)
HPI_SCALE = 1.0 / 100.0
TIME_FEATURES = 1 + 2 * len(TIME_PERIODS_H)


def time_features(hpi):
    """[..., T] hours -> [..., T, TIME_FEATURES]: scaled hours and their sin/cos at fixed periods."""
    angles = hpi.unsqueeze(-1) * torch.tensor([2 * math.pi / p for p in TIME_PERIODS_H], dtype=hpi.dtype,
                                              device=hpi.device)
    return torch.cat([hpi.unsqueeze(-1) * HPI_SCALE, torch.sin(angles), torch.cos(angles)], dim=-1)


class LstmHead(nn.Module):
    def __init__(self, embedding_size, classes, hidden=64, layers=1, dropout=0.1):
        super().__init__()
        self.hidden, self.layers = hidden, layers
        self.inp = nn.Sequential(nn.Dropout(dropout), nn.Linear(embedding_size + TIME_FEATURES, hidden), nn.ReLU())
        self.lstm = nn.LSTM(hidden, hidden, num_layers=layers, batch_first=True)
        self.out = nn.Linear(hidden, classes)

    @property
    def state_size(self):
        return 2 * self.layers * self.hidden

    def forward(self, embeddings, hpi):
        """[B, T, D], [B, T] -> logits [B, T, C]."""
        y, _ = self.lstm(self.inp(torch.cat([embeddings, time_features(hpi)], dim=-1)))
        return self.out(y)


class LstmStep(nn.Module):
    """One time point of a batch of embryos: (embedding [N, D], hpi [N], state [N, S]) ->
    (probabilities [N, C], state_out [N, S]). The zero state starts an embryo."""

    def __init__(self, head):
        super().__init__()
        self.head = head

    def forward(self, embedding, hpi, state):
        h = self.head
        hc = state.reshape(-1, 2, h.layers, h.hidden).permute(1, 2, 0, 3)
        x = h.inp(torch.cat([embedding, time_features(hpi)], dim=-1)).unsqueeze(1)
        y, (h_out, c_out) = h.lstm(x, (hc[0].contiguous(), hc[1].contiguous()))
        state_out = torch.stack([h_out, c_out]).permute(2, 0, 1, 3).reshape(-1, h.state_size)
        return torch.softmax(h.out(y[:, 0]), dim=-1), state_out


class _CausalBlock(nn.Module):
    """Pre-norm self-attention block written with plain ops, so ONNX export never hits fused kernels."""

    def __init__(self, dim, heads, dropout):
        super().__init__()
        self.heads, self.head_dim = heads, dim // heads
        self.norm1, self.norm2 = nn.LayerNorm(dim), nn.LayerNorm(dim)
        self.qkv, self.proj = nn.Linear(dim, 3 * dim), nn.Linear(dim, dim)
        self.ff = nn.Sequential(nn.Linear(dim, 2 * dim), nn.ReLU(), nn.Linear(2 * dim, dim))
        self.drop = nn.Dropout(dropout)

    def forward(self, x, mask_bias):
        b, t, d = x.shape
        q, k, v = self.qkv(self.norm1(x)).reshape(b, t, 3, self.heads, self.head_dim).permute(2, 0, 3, 1, 4).unbind(0)
        attention = torch.softmax(q @ k.transpose(-2, -1) / math.sqrt(self.head_dim) + mask_bias, dim=-1)
        x = x + self.drop(self.proj((attention @ v).transpose(1, 2).reshape(b, t, d)))
        return x + self.drop(self.ff(self.norm2(x)))


class CausalTransformerHead(nn.Module):
    def __init__(self, embedding_size, classes, dim=64, heads=4, layers=2, dropout=0.1):
        super().__init__()
        self.inp = nn.Sequential(nn.Dropout(dropout), nn.Linear(embedding_size + TIME_FEATURES, dim))
        self.blocks = nn.ModuleList([_CausalBlock(dim, heads, dropout) for _ in range(layers)])
        self.norm = nn.LayerNorm(dim)
        self.out = nn.Linear(dim, classes)

    def forward(self, embeddings, hpi):
        """[B, T, D], [B, T] -> logits [B, T, C]; position t attends to positions <= t only."""
        positions = torch.arange(embeddings.shape[1], device=embeddings.device)
        # A large finite negative, not -inf: a row can never become all -inf, so no NaN.
        mask_bias = (positions.unsqueeze(0) > positions.unsqueeze(1)).to(embeddings.dtype) * -1e9
        x = self.inp(torch.cat([embeddings, time_features(hpi)], dim=-1))
        for block in self.blocks:
            x = block(x, mask_bias)
        return self.out(self.norm(x))


class TransformerWindow(nn.Module):
    """A batch of windows, time points left-aligned and zero-padded after `lengths` [N] (int64):
    (embeddings [N, W, D], hpi [N, W], lengths [N]) -> probabilities [N, C] of each window's newest
    time point. Causality makes the padding invisible to the valid positions."""

    def __init__(self, head):
        super().__init__()
        self.head = head

    def forward(self, embeddings, hpi, lengths):
        logits = self.head(embeddings, hpi)
        positions = torch.arange(embeddings.shape[1], device=embeddings.device)
        newest = (positions.unsqueeze(0) == (lengths - 1).unsqueeze(1)).to(logits.dtype)
        return torch.softmax((logits * newest.unsqueeze(-1)).sum(dim=1), dim=-1)


HEADS = {"lstm": LstmHead, "transformer": CausalTransformerHead}


def build_head(kind, embedding_size, classes):
    if kind not in HEADS:
        raise ValueError(f"unknown temporal head '{kind}'; known: {', '.join(HEADS)}")
    return HEADS[kind](embedding_size, classes)


def window_inputs(embeddings, hpi, window):
    """Every time point of one embryo as a window of its last `window` time points, the way the
    classifier sees it: ([T, W, D], [T, W], lengths [T])."""
    t, d = embeddings.shape
    emb = torch.zeros(t, window, d, dtype=embeddings.dtype)
    hours = torch.zeros(t, window, dtype=hpi.dtype)
    lengths = torch.empty(t, dtype=torch.int64)
    for i in range(t):
        start = max(0, i + 1 - window)
        n = i + 1 - start
        emb[i, :n], hours[i, :n], lengths[i] = embeddings[start:i + 1], hpi[start:i + 1], n
    return emb, hours, lengths
