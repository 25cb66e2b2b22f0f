#include "io/datetime_zones.h"

#include "io/ogr_handles.h"

namespace sitmap {

namespace {

constexpr std::int64_t kPublishEvery = 2048; // features between wake-ups of the reader

} // namespace

DateTimeZones::DateTimeZones(const QString &path, const QByteArray &layer, const QByteArray &field,
                             std::int64_t features)
    : flags_(std::size_t(std::max<std::int64_t>(features, 0)), kNone)
{
    thread_ = std::thread([this, path, layer, field] { run(path, layer, field); });
}

DateTimeZones::~DateTimeZones()
{
    stop_ = true;
    if (thread_.joinable())
        thread_.join();
}

int DateTimeZones::flagOf(std::int64_t fid)
{
    waitUntilDone(1); // the first feature read says where ids start
    const std::int64_t index = fid - firstFid_.load(std::memory_order_acquire);
    if (index < 0 || index >= std::int64_t(flags_.size()) || !waitUntilDone(index + 1))
        return kNotRead;
    const std::uint8_t flag = flags_[std::size_t(index)];
    return flag == kNone ? kNotRead : int(flag);
}

bool DateTimeZones::waitUntilDone(std::int64_t count)
{
    if (done_.load(std::memory_order_acquire) < count && !finished_.load(std::memory_order_acquire)) {
        std::unique_lock lock(mutex_);
        progressed_.wait(lock, [&] { return done_.load() >= count || finished_.load(); });
    }
    return done_.load(std::memory_order_acquire) >= count;
}

void DateTimeZones::publish(std::int64_t done, bool finished)
{
    {
        const std::lock_guard lock(mutex_);
        done_.store(done, std::memory_order_release);
        if (finished)
            finished_.store(true, std::memory_order_release);
    }
    progressed_.notify_all();
}

void DateTimeZones::run(QString path, QByteArray layerName, QByteArray field)
{
    const ScopedQuietErrors quiet;
    const DatasetPtr dataset = openVectorReadOnly(path);
    OGRLayerH layer = dataset ? GDALDatasetGetLayerByName(dataset.get(), layerName.constData()) : nullptr;
    const int index = layer ? OGR_FD_GetFieldIndex(OGR_L_GetLayerDefn(layer), field.constData()) : -1;
    if (index < 0) {
        publish(0, true);
        return;
    }
    // Only the one field: the driver then skips the others and the geometry.
    OGRFeatureDefnH defn = OGR_L_GetLayerDefn(layer);
    std::vector<QByteArray> names{QByteArray("OGR_GEOMETRY"), QByteArray("OGR_STYLE")};
    for (int i = 0; i < OGR_FD_GetFieldCount(defn); ++i)
        if (i != index)
            names.emplace_back(OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(defn, i)));
    std::vector<const char *> list;
    for (const QByteArray &n : names)
        list.push_back(n.constData());
    list.push_back(nullptr);
    OGR_L_SetIgnoredFields(layer, list.data());

    std::int64_t done = 0, published = 0, first = 0;
    bool started = false;
    OGR_L_ResetReading(layer);
    while (!stop_.load(std::memory_order_relaxed)) {
        const FeaturePtr feature{OGR_L_GetNextFeature(layer)};
        if (!feature)
            break;
        const std::int64_t fid = OGR_F_GetFID(feature.get());
        if (!started) {
            first = fid;
            firstFid_.store(fid, std::memory_order_release);
            started = true;
        }
        const std::int64_t at = fid - first;
        if (at < done || at >= std::int64_t(flags_.size()))
            break; // ids out of order or more features than counted: what is read stays good
        int y = 0, mo = 0, d = 0, h = 0, mi = 0, tz = 0;
        float sec = 0;
        if (OGR_F_IsFieldSetAndNotNull(feature.get(), index)
            && OGR_F_GetFieldAsDateTimeEx(feature.get(), index, &y, &mo, &d, &h, &mi, &sec, &tz) && tz >= 0
            && tz < kNone)
            flags_[std::size_t(at)] = std::uint8_t(tz);
        done = at + 1;
        if (done - published >= kPublishEvery || published == 0) {
            publish(done, false);
            published = done;
        }
    }
    publish(done, true);
}

} // namespace sitmap
