#!/usr/bin/python3
"""QGIS on the same GeoPackage as SitMap's benchmark, for the comparison rows of issue 7.

    qgis_bench.py <acled_N.gpkg> <N> <results.csv> [moves]

Loads the layer with a temporal property on EVENT_DATE, renders the whole world at 1920x1080 in
EPSG:3857 with QgsMapSettings (setIsTemporal / setTemporalRange) and one QgsMapRendererParallelJob
per time-handle position, for 1-day, 30-day and cumulative windows, and appends to results.csv (the
driver's format): "first frame" (layer load + first render, seconds) and "frame <window> p50" (ms).
Needs Debian's qgis and python3-qgis (tests/bench/run-bench.sh --qgis installs them).
"""
import csv
import os
import statistics
import sys
import time

from qgis.core import (QgsApplication, QgsCoordinateReferenceSystem, QgsDateTimeRange,
                       QgsMapRendererParallelJob, QgsMapSettings, QgsMarkerSymbol, QgsProject,
                       QgsRectangle, QgsSingleSymbolRenderer, QgsVectorLayer,
                       QgsVectorLayerTemporalProperties)
from qgis.PyQt.QtCore import QDate, QDateTime, QSize, QTime, Qt
from qgis.PyQt.QtGui import QColor

DAY_S = 24 * 3600


def render(settings):
    job = QgsMapRendererParallelJob(settings)
    t = time.perf_counter()
    job.start()
    job.waitForFinished()
    return time.perf_counter() - t


def as_datetime(value):
    if isinstance(value, QDateTime):
        return value
    if isinstance(value, QDate):
        return QDateTime(value, QTime(0, 0), Qt.UTC)
    return QDateTime.fromString(str(value), Qt.ISODate)


def main():
    path, size, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    moves = int(sys.argv[4]) if len(sys.argv) > 4 else (20 if size <= 100000 else 6)
    QgsApplication.setPrefixPath("/usr", True)
    app = QgsApplication([], False)
    app.initQgis()

    t0 = time.perf_counter()
    layer = QgsVectorLayer(path + "|layername=events", "events", "ogr")
    if not layer.isValid():
        sys.exit("QGIS cannot open " + path)
    props = layer.temporalProperties()
    props.setIsActive(True)
    props.setMode(QgsVectorLayerTemporalProperties.ModeFeatureDateTimeInstantFromField)
    props.setStartField("EVENT_DATE")
    symbol = QgsMarkerSymbol.createSimple({"name": "circle", "size": "3", "color": "#d62728",
                                           "outline_style": "no"})
    layer.setRenderer(QgsSingleSymbolRenderer(symbol))
    QgsProject.instance().addMapLayer(layer)
    index = layer.fields().indexOf("EVENT_DATE")
    first = as_datetime(layer.minimumValue(index))
    last = as_datetime(layer.maximumValue(index)).addSecs(DAY_S - 1)

    settings = QgsMapSettings()
    settings.setLayers([layer])
    settings.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:3857"))
    settings.setOutputSize(QSize(1920, 1080))
    half_width = 20037508.342789244
    half_height = half_width * 1080 / 1920
    settings.setExtent(QgsRectangle(-half_width, 2.0e6 - half_height, half_width, 2.0e6 + half_height))
    settings.setBackgroundColor(QColor(220, 233, 242))
    settings.setIsTemporal(True)
    settings.setTemporalRange(QgsDateTimeRange(first, last))
    first_frame_s = (time.perf_counter() - t0) + 0.0
    first_frame_s += render(settings)

    span_s = first.secsTo(last)
    handles = [first.addSecs(int(span_s * (0.05 + 0.95 * k / max(1, moves - 1)))) for k in range(moves)]
    rows = [[size, "qgis", "first frame (gpkg, load + render)", first_frame_s, "s", "", "", "", "", ""]]
    for name, length in (("1-day", DAY_S), ("30-day", 30 * DAY_S), ("cumulative", 0)):
        frames = []
        for h in handles:
            start = first if length == 0 else h.addSecs(-length)
            settings.setTemporalRange(QgsDateTimeRange(start, h))
            frames.append(render(settings) * 1000.0)
        rows.append([size, "qgis", "frame %s p50" % name, statistics.median(frames), "ms", "", "", "", "", ""])
        print("QGIS %d events, %s: p50 %.1f ms over %d frames" % (size, name, statistics.median(frames), moves))
    print("QGIS %d events: first frame %.2f s" % (size, first_frame_s))

    fresh = not os.path.exists(out) or os.path.getsize(out) == 0
    with open(out, "a", newline="") as f:
        w = csv.writer(f)
        if fresh:
            w.writerow(["size", "group", "metric", "value", "unit", "baseline", "baseline_value", "ratio",
                        "goal", "status"])
        w.writerows(rows)
    app.exitQgis()


if __name__ == "__main__":
    main()
