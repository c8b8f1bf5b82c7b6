"""How the 30 source colours of ``analysis.plots.PALETTE`` were chosen, and how far apart they are.

The first eight are Okabe-Ito (the usual colour-blind-safe set). Each further colour is the
candidate (an sRGB grid, lightness 35-80 so it shows on white and stays apart from the greys
the figures use for "no data", chroma at least 30) farthest from every colour already chosen,
where the distance between two colours is the smallest CIE76 difference (Delta E in CIELAB)
among normal vision and simulated protanopia, deuteranopia and tritanopia (Machado et al.
2009, severity 1). Run it to print the palette and, for the first k colours, the smallest
pairwise distance::

    .venv/bin/python bench/palette.py
"""

from __future__ import annotations

import numpy as np

OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442",
             "#000000"]

# Machado, Oliveira & Fernandes (2009), severity 1.0; they act on linear RGB.
CVD = {
    "protanopia": np.array([[0.152286, 1.052583, -0.204868],
                            [0.114503, 0.786281, 0.099216],
                            [-0.003882, -0.048116, 1.051998]]),
    "deuteranopia": np.array([[0.367322, 0.860646, -0.227968],
                              [0.280085, 0.672501, 0.047413],
                              [-0.011820, 0.042940, 0.968881]]),
    "tritanopia": np.array([[1.255528, -0.076749, -0.178779],
                            [-0.078411, 0.930809, 0.147602],
                            [0.004733, 0.691367, 0.303900]]),
}
_XYZ = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]])
_WHITE = np.array([0.95047, 1.0, 1.08883])


def hex_to_rgb(colors) -> np.ndarray:
    """(n, 3) sRGB in [0, 1] from '#RRGGBB' strings."""
    return np.array([[int(c[i:i + 2], 16) / 255 for i in (1, 3, 5)] for c in colors])


def _linear(rgb: np.ndarray) -> np.ndarray:
    return np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)


def lab(linear_rgb: np.ndarray) -> np.ndarray:
    """CIELAB (D65) of linear RGB rows."""
    xyz = np.clip(linear_rgb, 0, 1) @ _XYZ.T / _WHITE
    f = np.where(xyz > (6 / 29) ** 3, np.cbrt(xyz), xyz / (3 * (6 / 29) ** 2) + 4 / 29)
    return np.stack([116 * f[:, 1] - 16, 500 * (f[:, 0] - f[:, 1]),
                     200 * (f[:, 1] - f[:, 2])], axis=1)


def views(rgb: np.ndarray) -> list[np.ndarray]:
    """Lab coordinates of the colours as seen with normal vision and the three simulations."""
    linear = _linear(rgb)
    return [lab(linear)] + [lab(linear @ m.T) for m in CVD.values()]


def min_distance(colors) -> float:
    """Smallest Delta E between any two colours, in the worst of the four visions."""
    best = np.inf
    for v in views(hex_to_rgb(colors)):
        d = np.linalg.norm(v[:, None, :] - v[None, :, :], axis=2)
        d[np.diag_indices(len(d))] = np.inf
        best = min(best, float(d.min()))
    return best


def choose(n: int = 30, *, start=OKABE_ITO, step: int = 15) -> list[str]:
    """Greedy farthest-point extension of ``start`` to ``n`` colours (see the module text)."""
    levels = np.arange(0, 256, step)
    grid = np.array(np.meshgrid(levels, levels, levels, indexing="ij")).reshape(3, -1).T / 255
    lab_normal = lab(_linear(grid))
    chroma = np.hypot(lab_normal[:, 1], lab_normal[:, 2])
    keep = (lab_normal[:, 0] >= 35) & (lab_normal[:, 0] <= 80) & (chroma >= 30)
    cand = grid[keep]
    cand_views = views(cand)
    chosen = list(start)
    nearest = np.full(len(cand), np.inf)
    for v_cand, v_chosen in zip(cand_views, views(hex_to_rgb(chosen))):
        d = np.linalg.norm(v_cand[:, None, :] - v_chosen[None, :, :], axis=2).min(axis=1)
        nearest = np.minimum(nearest, d)
    while len(chosen) < n:
        i = int(np.argmax(nearest))
        chosen.append("#" + "".join(f"{round(x * 255):02X}" for x in cand[i]))
        for v_cand in cand_views:
            nearest = np.minimum(nearest, np.linalg.norm(v_cand - v_cand[i], axis=1))
    return chosen


if __name__ == "__main__":
    palette = choose()
    for start in range(0, len(palette), 6):
        print(", ".join(f'"{c}"' for c in palette[start:start + 6]) + ",")
    for k in (8, 12, 16, 20, 25, 30):
        print(f"first {k:2d}: smallest Delta E (worst of 4 visions) = "
              f"{min_distance(palette[:k]):.1f}")
