// LayerReader's feature loops: every layer the Arrow stream does not take (CSV, GeoJSON, KML,
// GPX, ...) is read as OGRFeatures, the driver reading ahead on a thread of its own, or, for a
// large GeoJSON or CSV file, chunk by chunk on worker threads.
#include "io/layer_reader.h"

#include "io/chunk_reader.h"
#include "io/read_ahead.h"

namespace sitmap {

void LayerReader::readFeatures()
{
    // The driver parses the next features on a thread of its own (for CSV and GeoJSON most of a
    // load) while this one reads their fields. A feature is the caller's own object once
    // OGR_L_GetNextFeature has returned it, so reading it here while the layer reads on is safe.
    constexpr std::size_t kBatch = 256;
    bool started = false, ended = false;
    QString readError; // set by the producer before it ends
    ReadAhead<std::vector<OGRFeatureH>> features(
        [&](std::vector<OGRFeatureH> &batch) {
            if (ended)
                return false;
            CPLPushErrorHandler(CPLQuietErrorHandler); // that thread's messages: the report tells
            if (!started) {
                OGR_L_ResetReading(layer_);
                CPLErrorReset();
                started = true;
            }
            batch.reserve(kBatch);
            while (batch.size() < kBatch) {
                OGRFeatureH f = OGR_L_GetNextFeature(layer_);
                if (!f) {
                    ended = true;
                    if (CPLGetLastErrorType() == CE_Failure)
                        readError = QString::fromUtf8(CPLGetLastErrorMsg());
                    break;
                }
                batch.push_back(f);
            }
            CPLPopErrorHandler();
            return !batch.empty();
        },
        [](std::vector<OGRFeatureH> &batch) {
            for (OGRFeatureH f : batch)
                OGR_F_Destroy(f);
        },
        4);
    std::vector<OGRFeatureH> batch;
    while (features.next(batch)) {
        for (OGRFeatureH feature : batch) {
            const int ordinal = ++file_.recordsRead;
            readFeature(feature, file_.csvLines ? file_.csvLines->lineOfRecord(ordinal) : ordinal);
            if (file_.checkpoint && !file_.checkpoint()) {
                file_.stopped = true;
                features.giveBack(std::move(batch)); // destroyed with the rest
                return;
            }
        }
        features.giveBack(std::move(batch));
        batch = {};
    }
    if (!readError.isEmpty())
        reportStoppedEarly(readError);
}

void LayerReader::readChunks()
{
    ChunkReader &chunks = *file_.chunks;
    const auto recordOf = [this](int ordinal) {
        return file_.csvLines ? file_.csvLines->lineOfRecord(ordinal) : ordinal;
    };
    ChunkReader::Batch batch;
    while (chunks.next(batch)) {
        file_.bytesRead = chunks.chunk(batch.chunk).end;
        if (!batch.features.empty())
            followSchema(OGR_F_GetDefnRef(batch.features.front()));
        for (OGRFeatureH feature : batch.features) {
            readFeature(feature, recordOf(++file_.recordsRead));
            if (file_.checkpoint && !file_.checkpoint()) {
                file_.stopped = true;
                chunks.giveBack(std::move(batch));
                return;
            }
        }
        // A chunk GDAL could not read to its end: its other records are skipped, the next
        // chunks still load, and the records keep their numbers.
        const FileChunk &c = chunks.chunk(batch.chunk);
        const int unread = c.records - int(batch.features.size());
        if (!batch.error.isEmpty() && unread > 0) {
            const int first = file_.recordsRead + 1;
            file_.recordsRead += unread;
            file_.log->error(recordOf(first), {}, {},
                             QStringLiteral("records %1 to %2 (bytes %3 to %4 of the file) could not be read and "
                                            "were skipped: %5")
                                 .arg(recordOf(first))
                                 .arg(recordOf(file_.recordsRead))
                                 .arg(c.begin)
                                 .arg(c.end)
                                 .arg(batch.error));
        }
        chunks.giveBack(std::move(batch));
        batch = {};
    }
}

void LayerReader::reportStoppedEarly(const QString &why)
{
    file_.log->error(0, {}, {}, QStringLiteral("layer '%1': reading stopped early: %2")
                                    .arg(QString::fromUtf8(OGR_L_GetName(layer_)), why));
}

QByteArrayView LayerReader::generatedId(int record)
{
    generatedId_ = QStringLiteral("%1#%2").arg(file_.fileName).arg(record).toUtf8();
    return generatedId_;
}

} // namespace sitmap
