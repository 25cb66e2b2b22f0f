// sitmap_gen: writes synthetic ACLED-like event files for the benchmarks.
//
//   sitmap_gen --dir /tmp/sitmap-bench --sizes 10000,1000000 [--formats gpkg,fgb,csv,geojson]
//              [--seed N] [--jobs 2] [--force]
//
// Files are "<dir>/acled_<size>.<ext>"; existing ones are kept unless --force. Formats of one size
// are written in parallel (one thread per file, --jobs at a time).

#include "synthetic_writer.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>

#include <atomic>
#include <cstdio>
#include <mutex>
#include <thread>
#include <vector>

using namespace sitmap::bench;

namespace {

bool parseFormat(const QString &name, SyntheticFormat &out)
{
    for (const SyntheticFormat f : {SyntheticFormat::GeoPackage, SyntheticFormat::FlatGeobuf, SyntheticFormat::Csv,
                                    SyntheticFormat::GeoJson}) {
        if (name == QLatin1String(extensionOf(f))) {
            out = f;
            return true;
        }
    }
    return false;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Writes synthetic ACLED-like event files for SitMap's benchmarks."));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("dir"), QStringLiteral("Output directory."), QStringLiteral("dir"),
                      QStringLiteral("/tmp/sitmap-bench")});
    parser.addOption({QStringLiteral("sizes"), QStringLiteral("Comma-separated event counts."), QStringLiteral("list"),
                      QStringLiteral("10000")});
    parser.addOption({QStringLiteral("formats"), QStringLiteral("Comma-separated: gpkg, fgb, csv, geojson."),
                      QStringLiteral("list"), QStringLiteral("gpkg,fgb,csv,geojson")});
    parser.addOption({QStringLiteral("seed"), QStringLiteral("Random seed."), QStringLiteral("n"),
                      QStringLiteral("20240501")});
    parser.addOption({QStringLiteral("jobs"), QStringLiteral("Files written at once."), QStringLiteral("n"),
                      QStringLiteral("2")});
    parser.addOption({QStringLiteral("force"), QStringLiteral("Rewrite files that exist.")});
    parser.process(app);

    const QString dir = parser.value(QStringLiteral("dir"));
    QDir().mkpath(dir);
    std::vector<SyntheticFormat> formats;
    for (const QString &name : parser.value(QStringLiteral("formats")).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        SyntheticFormat f{};
        if (!parseFormat(name.trimmed(), f)) {
            std::fprintf(stderr, "sitmap_gen: unknown format '%s'\n", qPrintable(name));
            return 2;
        }
        formats.push_back(f);
    }
    const auto seed = parser.value(QStringLiteral("seed")).toULongLong();
    const int jobs = std::max(1, parser.value(QStringLiteral("jobs")).toInt());
    const bool force = parser.isSet(QStringLiteral("force"));

    int failures = 0;
    for (const QString &sizeText : parser.value(QStringLiteral("sizes")).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        bool ok = false;
        const qint64 count = sizeText.trimmed().toLongLong(&ok);
        if (!ok || count <= 0) {
            std::fprintf(stderr, "sitmap_gen: not a size: '%s'\n", qPrintable(sizeText));
            return 2;
        }
        const SyntheticEvents events(count, seed);
        std::vector<std::pair<SyntheticFormat, std::string>> missing;
        for (const SyntheticFormat f : formats) {
            const std::string path = syntheticPath(dir.toStdString(), count, f);
            if (force || !QFileInfo::exists(QString::fromStdString(path)))
                missing.emplace_back(f, path);
        }
        std::atomic<std::size_t> next{0};
        std::mutex printing;
        auto worker = [&] {
            for (std::size_t k; (k = next++) < missing.size();) {
                QElapsedTimer timer;
                timer.start();
                const std::string error = writeSynthetic(events, missing[k].second, missing[k].first);
                const std::lock_guard<std::mutex> lock(printing);
                if (!error.empty()) {
                    std::fprintf(stderr, "sitmap_gen: %s: %s\n", missing[k].second.c_str(), error.c_str());
                    ++failures;
                } else {
                    std::printf("wrote %s (%lld events) in %.1f s\n", missing[k].second.c_str(), count,
                                double(timer.elapsed()) / 1000.0);
                    std::fflush(stdout);
                }
            }
        };
        std::vector<std::thread> threads;
        for (int j = 0; j < std::min<int>(jobs, int(missing.size())); ++j)
            threads.emplace_back(worker);
        for (std::thread &t : threads)
            t.join();
    }
    return failures == 0 ? 0 : 1;
}
