#pragma once

#include "cli/export_arguments.h"

#include <QTextStream>

namespace sitmap {

/// `sitmap export FILE... -o OUT`: loads the files, renders headless and writes the snapshot,
/// animation or briefing. Exit codes: 0 written, 1 reading or writing failed, 2 bad arguments.
class ExportCommand {
public:
    enum ExitCode { Success = 0, IoFailure = 1, BadArguments = 2 };

    /// True when argv asks for the export subcommand (argv[1] == "export").
    [[nodiscard]] static bool isRequested(int argc, char **argv);
    /// The whole subcommand: sets the offscreen platform when none is set (before creating the
    /// QGuiApplication), parses, runs, and returns the exit code.
    [[nodiscard]] static int main(int argc, char **argv);

    /// Runs parsed arguments (a QGuiApplication must exist); messages go to `err`, the paths
    /// written to `out`, one per line.
    ExportCommand(ExportArguments arguments, QTextStream &out, QTextStream &err);
    [[nodiscard]] int run();

private:
    ExportArguments args_;
    QTextStream &out_;
    QTextStream &err_;
};

} // namespace sitmap
