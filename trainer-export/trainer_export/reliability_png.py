"""A reliability diagram as a PNG (PIL only): per confidence bin, accuracy (bars) against the diagonal."""
from PIL import Image, ImageDraw, ImageFont

SIZE = 240
MARGIN = 36


def write_reliability_png(before, after, path, title):
    """`before`/`after`: calibration.reliability() results; bars of `after` filled, `before` outlined."""
    image = Image.new("RGB", (SIZE + 2 * MARGIN, SIZE + 2 * MARGIN + 16), "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default()
    draw.text((4, 4), title, fill="black", font=font)
    x0, y0 = MARGIN, MARGIN + 16 + SIZE
    draw.rectangle([x0, y0 - SIZE, x0 + SIZE, y0], outline="gray")
    draw.line([x0, y0, x0 + SIZE, y0 - SIZE], fill="gray")
    for result, style in ((after, {"fill": (120, 160, 230)}), (before, {"outline": (200, 60, 60)})):
        for b in result["bins"]:
            if not b["count"]:
                continue
            left, right = x0 + b["lower"] * SIZE + 1, x0 + b["upper"] * SIZE - 1
            draw.rectangle([left, y0 - b["accuracy"] * SIZE, right, y0], **style)
    draw.text((x0, y0 + 4), "confidence 0 .. 1", fill="black", font=font)
    draw.text((4, MARGIN + 16), "acc", fill="black", font=font)
    draw.text((x0 + 4, MARGIN + 20), f"ECE before {before['ece']:.3f} (red outline)", fill="black", font=font)
    draw.text((x0 + 4, MARGIN + 32), f"ECE after  {after['ece']:.3f} (blue)", fill="black", font=font)
    image.save(path)
