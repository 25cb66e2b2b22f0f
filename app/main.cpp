#include "cli/export_command.h"
#include "ui/main_window.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QFileInfo>

int main(int argc, char *argv[])
{
    // `sitmap export ...` renders headless; everything else opens the window.
    if (sitmap::ExportCommand::isRequested(argc, argv))
        return sitmap::ExportCommand::main(argc, argv);

    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("SitMap"));
    QApplication::setOrganizationName(QStringLiteral("SitMap"));
    QApplication::setApplicationVersion(QStringLiteral(SITMAP_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("sitmap"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("SitMap: timestamped, attributed events over an offline map."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("files"), QStringLiteral("Event files to open (GeoJSON, CSV, GeoPackage, ...)."),
                                 QStringLiteral("[FILE...]"));
    parser.process(app);

    sitmap::MainWindow window;
    window.show();
    QStringList paths;
    for (const QString &arg : parser.positionalArguments())
        paths << QFileInfo(arg).absoluteFilePath();
    window.openFiles(paths);
    return app.exec();
}
