"""PNG charts (matplotlib, no display needed)."""

from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402  (the backend is chosen first)

COLOUR = "#1f5f8b"


def _png(figure: plt.Figure) -> bytes:
    buffer = io.BytesIO()
    figure.tight_layout()
    figure.savefig(buffer, format="png", dpi=100)
    plt.close(figure)
    return buffer.getvalue()


def bar_chart(title: str, labels: list[str], values: list[float], ylabel: str = "",
              horizontal: bool = False) -> bytes:
    figure, axes = plt.subplots(figsize=(7, 3.2 if not horizontal else max(2.4, 0.35 * len(labels) + 1)))
    if not labels:
        axes.text(0.5, 0.5, "no data", ha="center", va="center", transform=axes.transAxes)
        axes.set_axis_off()
    elif horizontal:
        axes.barh(labels[::-1], values[::-1], color=COLOUR)
        axes.set_xlabel(ylabel)
    else:
        axes.bar(labels, values, color=COLOUR)
        axes.set_ylabel(ylabel)
        axes.tick_params(axis="x", labelrotation=45 if len(labels) > 6 else 0)
    axes.set_title(title)
    return _png(figure)


def rate_chart(title: str, labels: list[str], rates: list[float]) -> bytes:
    figure, axes = plt.subplots(figsize=(7, 3.2))
    if labels:
        axes.plot(labels, [100 * r for r in rates], marker="o", color=COLOUR)
        axes.set_ylim(0, 100)
        axes.set_ylabel("% of turns")
        axes.tick_params(axis="x", labelrotation=45 if len(labels) > 6 else 0)
    else:
        axes.text(0.5, 0.5, "no data", ha="center", va="center", transform=axes.transAxes)
        axes.set_axis_off()
    axes.set_title(title)
    return _png(figure)
