#pragma once

#include "export/animation_spec.h"
#include "export/export_result.h"
#include "export/snapshot_spec.h"

#include <functional>

namespace sitmap {

/// Writes a time-lapse: numbered PNG frames, an animated GIF (giflib) or an MP4/WebM video
/// (ffmpeg). Every frame is a full snapshot (map, time caption, legend, attribution) of the
/// same extent, composed exactly as SnapshotComposer composes a still.
class AnimationExport {
public:
    /// Called after each frame with (frames done, total); return false to cancel.
    using Progress = std::function<bool(int done, int total)>;

    /// `spec.format` picks the output: Png (numbered frames "<base>-0001.png" ...), Gif, Mp4 or
    /// WebM. The extent is fitted once, to the events of the whole sequence.
    [[nodiscard]] static ExportResult write(const SnapshotContent &content, const SnapshotSpec &spec,
                                            const AnimationSpec &animation, const QString &path,
                                            const Progress &progress = {});
    /// "dir/map.png", frame 3 of 120 -> "dir/map-0003.png" (at least four digits).
    [[nodiscard]] static QString framePath(const QString &path, int index, int count);
    /// The spec with its extent fixed for every frame of `animation`.
    [[nodiscard]] static SnapshotSpec fixedExtentSpec(const SnapshotContent &content, const SnapshotSpec &spec,
                                                      const AnimationSpec &animation);
};

} // namespace sitmap
