#include "export/geotiff_export.h"

#include "export/atomic_file.h"
#include "export/image_export.h"
#include "export/snapshot_composer.h"
#include "geo/gdal_handles.h"
#include "geo/projection.h"

#include <QDateTime>
#include <QFile>
#include <QImage>

#include <cpl_conv.h>
#include <cpl_error.h>
#include <cpl_string.h>
#include <gdal.h>

#include <array>
#include <memory>

namespace sitmap {

namespace {

/// Collects GDAL's first failure message while alive instead of printing it.
class GdalErrorCapture {
public:
    GdalErrorCapture()
    {
        CPLErrorReset();
        CPLPushErrorHandlerEx(&GdalErrorCapture::handle, this);
    }
    ~GdalErrorCapture() { CPLPopErrorHandler(); }
    GdalErrorCapture(const GdalErrorCapture &) = delete;
    GdalErrorCapture &operator=(const GdalErrorCapture &) = delete;

    [[nodiscard]] bool failed() const { return !message_.isEmpty(); }
    [[nodiscard]] const QString &message() const { return message_; }

private:
    static void CPL_STDCALL handle(CPLErr level, CPLErrorNum, const char *message)
    {
        auto *self = static_cast<GdalErrorCapture *>(CPLGetErrorHandlerUserData());
        if (self && level >= CE_Failure && self->message_.isEmpty())
            self->message_ = QString::fromUtf8(message);
    }
    QString message_;
};

struct CslDeleter {
    void operator()(char **list) const { CSLDestroy(list); }
};

} // namespace

ExportResult GeoTiffExport::write(const SnapshotComposer &composer, const QString &path)
{
    const QString wkt = Projection(composer.content().mapCrs).mapCrsWkt();
    if (wkt.isEmpty())
        return ExportResult::failure(
            cannotWrite(path, QStringLiteral("the map CRS %1 has no WKT").arg(composer.content().mapCrs)));

    const QImage rendered = composer.renderImage();
    const bool alpha = ImageExport::hasTransparency(rendered);
    const QImage image = rendered.convertToFormat(alpha ? QImage::Format_RGBA8888 : QImage::Format_RGB888);
    const int bands = alpha ? 4 : 3;

    AtomicFile out(path, QStringLiteral(".tif"));
    QString error;
    if (!out.create(&error))
        return ExportResult::failure(error);

    ensureGdalRegistered();
    GDALDriverH driver = GDALGetDriverByName("GTiff");
    if (!driver)
        return ExportResult::failure(cannotWrite(out.target(), QStringLiteral("GDAL has no GTiff driver")));

    GdalErrorCapture errors;
    // No ".aux.xml" sidecar beside the temporary name: everything goes into TIFF tags.
    CPLSetThreadLocalConfigOption("GDAL_PAM_ENABLED", "NO");
    std::unique_ptr<char *, CslDeleter> options(nullptr);
    char **opts = nullptr;
    // DEFLATE, which every TIFF reader knows, at its fastest level and without the horizontal
    // predictor: a map's flat colours compress better unpredicted (1920 x 1080 world map: 400 kB
    // at level 1 against 490 kB with PREDICTOR=2 at level 6, in half the time).
    opts = CSLSetNameValue(opts, "COMPRESS", "DEFLATE");
    opts = CSLSetNameValue(opts, "ZLEVEL", "1");
    opts = CSLSetNameValue(opts, "TILED", "YES");
    opts = CSLSetNameValue(opts, "PHOTOMETRIC", "RGB");
    if (alpha)
        opts = CSLSetNameValue(opts, "ALPHA", "UNASSOCIATED");
    options.reset(opts);

    const QSize px = image.size();
    const QByteArray tempName = QFile::encodeName(out.tempPath());
    GDALDatasetH ds = GDALCreate(driver, tempName.constData(), px.width(), px.height(), bands, GDT_Byte, options.get());
    if (!ds) {
        CPLSetThreadLocalConfigOption("GDAL_PAM_ENABLED", nullptr);
        return ExportResult::failure(cannotWrite(out.target(), errors.failed() ? errors.message()
                                                                               : QStringLiteral("GDAL could not create it")));
    }

    std::array<double, 6> gt = composer.geometry().geoTransform();
    GDALSetGeoTransform(ds, gt.data());
    GDALSetProjection(ds, wkt.toUtf8().constData());
    const double dpi = composer.spec().dpi;
    GDALSetMetadataItem(ds, "TIFFTAG_SOFTWARE", "SitMap", nullptr);
    GDALSetMetadataItem(ds, "TIFFTAG_DATETIME",
                        QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyy:MM:dd HH:mm:ss")).toUtf8().constData(),
                        nullptr);
    GDALSetMetadataItem(ds, "TIFFTAG_XRESOLUTION", QByteArray::number(dpi).constData(), nullptr);
    GDALSetMetadataItem(ds, "TIFFTAG_YRESOLUTION", QByteArray::number(dpi).constData(), nullptr);
    GDALSetMetadataItem(ds, "TIFFTAG_RESOLUTIONUNIT", "2", nullptr); // inches
    const QString description = composer.spec().title.isEmpty()
        ? composer.content().caption
        : QStringLiteral("%1 — %2").arg(composer.spec().title, composer.content().caption);
    if (!description.isEmpty())
        GDALSetMetadataItem(ds, "TIFFTAG_IMAGEDESCRIPTION", description.toUtf8().constData(), nullptr);

    const CPLErr io = GDALDatasetRasterIO(ds, GF_Write, 0, 0, px.width(), px.height(),
                                          const_cast<uchar *>(image.constBits()), px.width(), px.height(), GDT_Byte,
                                          bands, nullptr, bands, int(image.bytesPerLine()), 1);
    GDALFlushCache(ds);
    GDALClose(ds);
    CPLSetThreadLocalConfigOption("GDAL_PAM_ENABLED", nullptr);
    if (io != CE_None || errors.failed())
        return ExportResult::failure(cannotWrite(out.target(), errors.failed() ? errors.message()
                                                                               : QStringLiteral("GDAL could not write it")));
    if (!out.commit(&error))
        return ExportResult::failure(error);
    return ExportResult::success({out.target()});
}

} // namespace sitmap
