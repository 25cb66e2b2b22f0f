#pragma once

#include "export/animation_spec.h"
#include "export/export_result.h"
#include "export/snapshot_content.h"
#include "export/snapshot_spec.h"

#include <QDialog>
#include <QImage>
#include <functional>

class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QDoubleSpinBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QRadioButton;
class QSpinBox;
class QTimer;

namespace sitmap {

class MapCanvas;
class TimeCursor;

/// File > Export snapshot: format, size (pixels, or paper and DPI), extent, title, decorations,
/// world file, briefing and animation settings, with a live preview composed by the same
/// SnapshotComposer that writes the file (scaled down, same layout). Asks before overwriting.
class ExportDialog : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ExportDialog)
public:
    /// `content` is what the map shows now (see contentFrom()).
    explicit ExportDialog(SnapshotContent content, QWidget *parent = nullptr);

    /// What the canvas shows now, with the cursor's caption in `zone` and the files for provenance.
    [[nodiscard]] static SnapshotContent contentFrom(const MapCanvas &canvas, const TimeCursor &cursor,
                                                     const QTimeZone &zone, const QStringList &inputFiles);
    /// Animation defaults from the cursor: the data's time range, one day per frame, its window.
    [[nodiscard]] static AnimationSpec animationFrom(const TimeCursor &cursor);
    /// Edit > Copy snapshot: the current view at the canvas's size, decorated, on the clipboard.
    static void copyToClipboard(const SnapshotContent &content);

    /// Pre-fills the animation settings.
    void setAnimation(const AnimationSpec &animation);
    void setPath(const QString &path);
    [[nodiscard]] QString path() const;
    [[nodiscard]] SnapshotSpec spec() const;
    [[nodiscard]] AnimationSpec animation() const;
    /// True when the settings ask for frames over time (GIF, MP4, WebM, or PNG frames).
    [[nodiscard]] bool isAnimation() const;
    /// The preview as last composed (the output scaled to fit the preview area).
    [[nodiscard]] const QImage &previewImage() const { return preview_; }
    /// Composes the preview now instead of after the short delay that batches edits.
    void updatePreview();

    /// Writes with the current settings; asks before replacing an existing file.
    /// Returns the result (an empty error and no files when the user declined to overwrite).
    ExportResult exportNow();
    /// Replaces the overwrite question (tests); returns true to overwrite.
    void setOverwriteConfirmation(std::function<bool(const QString &path)> confirm);

    /// Longest side of the preview in pixels.
    static constexpr int kPreviewSide = 420;

public slots:
    void accept() override;

private:
    void buildUi();
    void browse();
    void formatChanged();
    void pathEdited();
    void schedulePreview();
    void syncEnabled();

    SnapshotContent content_;
    QImage preview_;
    std::function<bool(const QString &)> confirmOverwrite_;

    QLineEdit *path_ = nullptr;
    QComboBox *format_ = nullptr;
    QRadioButton *pixels_ = nullptr, *paper_ = nullptr;
    QSpinBox *width_ = nullptr, *height_ = nullptr;
    QComboBox *paperSize_ = nullptr, *orientation_ = nullptr;
    QDoubleSpinBox *dpi_ = nullptr;
    QComboBox *extent_ = nullptr;
    QLineEdit *title_ = nullptr;
    QCheckBox *decoTitle_ = nullptr, *decoCaption_ = nullptr, *decoLegend_ = nullptr, *decoScale_ = nullptr,
              *decoNorth_ = nullptr, *decoAttribution_ = nullptr;
    QCheckBox *worldFile_ = nullptr, *briefing_ = nullptr;
    QGroupBox *animation_ = nullptr;
    QDateTimeEdit *from_ = nullptr, *to_ = nullptr;
    QComboBox *step_ = nullptr, *mode_ = nullptr;
    QDoubleSpinBox *fps_ = nullptr;
    QCheckBox *fade_ = nullptr;
    QLabel *previewLabel_ = nullptr;
    QLabel *summary_ = nullptr;
    QTimer *previewTimer_ = nullptr;
    AnimationSpec animationDefaults_;
};

} // namespace sitmap
