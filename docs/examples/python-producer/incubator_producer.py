#!/usr/bin/python3
"""An incubator that publishes to embryo-stream itself, following docs/PRODUCER-CONTRACT.md, in Python.

Debian's python3-confluent-kafka and python3-avro only (no PyPI, no fastavro). It reads a folder of
canonical frames (256x256 8-bit gray PNGs, as the contract requires; Pillow decodes them) laid out as

    <set>/set.json                      {"secret": ..., "insemination": ISO-8601, "intervalMinutes": 10,
                                         "embryos": [{"source": "<device>:<slide>:<well>", "label": "S1 P01"}]}
    <set>/<n>/<timePoint>_F<plane>.png  n = the embryo's index in "embryos", from 0

and publishes, per embryo: STARTED, one FrameEvent v2 per time point with every plane (GRAY8,
zstd-compressed by the producer), ENDED.

Schema fingerprints. The value is Avro single-object encoding: C3 01, the 8-byte CRC-64-AVRO
fingerprint of the schema's Parsing Canonical Form, then the binary datum. python3-avro 1.11 writes
logical-type primitives in its canonical form as {"type":"long"} where the specification (and Java)
write "long", so its fingerprint differs from the one every consumer knows and the records would be
dead-lettered as UNKNOWN_SCHEMA. This script collapses those before fingerprinting (canonical_form below).

    /usr/bin/python3 incubator_producer.py --bootstrap-servers localhost:9092 --schemas schemas/src/main/avro SET_DIR
"""
import argparse
import hashlib
import hmac
import io
import json
import os
import re
import struct
import sys
from datetime import datetime, timedelta, timezone

import avro.io
import avro.schema
from confluent_kafka import Producer
from PIL import Image

FRAMES_TOPIC = "embryo.frames.v1"
LIFECYCLE_TOPIC = "embryo.lifecycle.v1"
PRODUCER = "python-example-incubator/1.0"
CANONICAL_SIDE = 256
EMPTY = 0xC15D213AA4D7A795  # the CRC-64-AVRO seed


def crc64_avro(data: bytes) -> int:
    """CRC-64-AVRO (the Avro specification's fingerprint algorithm)."""
    table = []
    for i in range(256):
        fp = i
        for _ in range(8):
            fp = (fp >> 1) ^ (EMPTY & -(fp & 1))
        table.append(fp)
    fp = EMPTY
    for b in data:
        fp = (fp >> 8) ^ table[(fp ^ b) & 0xFF]
    return fp


def canonical_form(schema: avro.schema.Schema) -> str:
    """The Parsing Canonical Form as the specification writes it: python3-avro 1.11 keeps a logical
    type's primitive as {"type":"long"}; the specification reduces it to "long"."""
    return re.sub(r'\{"type":"(int|long|bytes|string|float|double|boolean)"\}', r'"\1"', schema.canonical_form)


def single_object(schema: avro.schema.Schema, datum: dict) -> bytes:
    body = io.BytesIO()
    avro.io.DatumWriter(schema).write(datum, avro.io.BinaryEncoder(body))
    return b"\xc3\x01" + struct.pack("<Q", crc64_avro(canonical_form(schema).encode("utf-8"))) + body.getvalue()


def embryo_id(secret: str, source: str) -> str:
    """EmbryoIds.embryoId: the first 32 hex characters of HMAC-SHA256(clinic secret, source identity)."""
    return hmac.new(secret.encode("utf-8"), source.encode("utf-8"), hashlib.sha256).hexdigest()[:32]


def gray8(png_path: str) -> bytes:
    with Image.open(png_path) as image:
        if image.size != (CANONICAL_SIDE, CANONICAL_SIDE) or image.mode != "L":
            raise ValueError(f"{png_path}: not a canonical frame (256x256 8-bit gray), is {image.size} {image.mode}")
        return image.tobytes()


def millis(t: datetime) -> datetime:
    return t.replace(microsecond=(t.microsecond // 1000) * 1000)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bootstrap-servers", required=True)
    parser.add_argument("--schemas", required=True, help="the folder of FrameEvent.avsc and EmbryoLifecycle.avsc")
    parser.add_argument("set", help="the folder of set.json and the embryos' frames")
    args = parser.parse_args()

    with open(os.path.join(args.schemas, "FrameEvent.avsc")) as f:
        frame_schema = avro.schema.parse(f.read())
    with open(os.path.join(args.schemas, "EmbryoLifecycle.avsc")) as f:
        lifecycle_schema = avro.schema.parse(f.read())
    with open(os.path.join(args.set, "set.json")) as f:
        spec = json.load(f)
    insemination = datetime.fromisoformat(spec["insemination"].replace("Z", "+00:00"))
    interval = float(spec["intervalMinutes"])

    producer = Producer({"bootstrap.servers": args.bootstrap_servers, "enable.idempotence": True, "acks": "all",
                         "compression.type": "zstd"})
    failures = []

    def delivered(err, _msg):
        if err is not None:
            failures.append(str(err))

    published = 0
    for n, embryo in enumerate(spec["embryos"]):
        eid = embryo_id(spec["secret"], embryo["source"])
        now = millis(datetime.now(timezone.utc))
        lifecycle = {"embryoId": eid, "displayLabel": embryo["label"], "state": "STARTED", "eventTime": now,
                     "inseminationTime": insemination, "nominalIntervalMinutes": interval, "live": True,
                     "source": PRODUCER}
        producer.produce(LIFECYCLE_TOPIC, key=eid, value=single_object(lifecycle_schema, lifecycle), on_delivery=delivered)
        folder = os.path.join(args.set, str(n))
        frames = {}
        for name in os.listdir(folder):
            m = re.fullmatch(r"(\d+)_F(-?\d+)\.png", name)
            if m:
                frames.setdefault(int(m.group(1)), {})[int(m.group(2))] = os.path.join(folder, name)
        for time_point in sorted(frames):
            planes = sorted(frames[time_point].items(), key=lambda p: (p[0] != 0, p[0]))  # the central plane first
            images = [(plane, {"data": gray8(path), "encoding": "GRAY8", "width": CANONICAL_SIDE,
                               "height": CANONICAL_SIDE}, f"{embryo['label']}/{time_point}_F{plane}") for plane, path in planes]
            first_plane, first_image, first_ref = images[0]
            acquired = millis(insemination + timedelta(minutes=interval * time_point))
            frame = {"embryoId": eid, "displayLabel": embryo["label"], "frameId": f"{eid}:{time_point}:{first_plane}",
                     "timePoint": time_point, "focalPlane": first_plane, "acquisitionTime": acquired,
                     "hoursPostInsemination": time_point * interval / 60, "hpiSource": "DEVICE", "image": first_image,
                     "sourceRef": first_ref, "producer": PRODUCER, "ingestTime": millis(datetime.now(timezone.utc)),
                     "groundTruth": None,
                     "otherPlanes": [{"focalPlane": p, "image": i, "sourceRef": r} for p, i, r in images[1:]] or None}
            producer.produce(FRAMES_TOPIC, key=eid, value=single_object(frame_schema, frame), on_delivery=delivered)
            published += 1
        lifecycle = dict(lifecycle, state="ENDED", eventTime=millis(datetime.now(timezone.utc)))
        producer.produce(LIFECYCLE_TOPIC, key=eid, value=single_object(lifecycle_schema, lifecycle), on_delivery=delivered)
    remaining = producer.flush(60)
    if remaining or failures:
        print(f"not delivered: {remaining} record(s) in flight, failures {failures[:3]}", file=sys.stderr)
        return 1
    print(f"published {published} time points of {len(spec['embryos'])} embryos")
    return 0


if __name__ == "__main__":
    sys.exit(main())
