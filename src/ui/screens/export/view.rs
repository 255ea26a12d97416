//! Draws the export page. Results and errors go into boxes of a fixed height under the button they belong to, so
//! that nothing the clerk aims at moves when an error comes or goes.

use std::path::Path;

use egui::{RichText, Ui};

use super::ExportPage;
use crate::model::Draft;
use crate::package::ExportOutcome;
use crate::ui::command::{Command, Screen};
use crate::ui::file_picker::PathTarget;
use crate::ui::form::{Form, error_color};
use crate::ui::job::Job;
use crate::ui::labels;

/// Rows of text the export status box always takes (progress: title, bar, step with 取消).
const STATUS_ROWS: f32 = 3.0;

/// Draws the page.
pub fn export_ui(
    ui: &mut Ui,
    page: &mut ExportPage,
    draft: &Draft,
    error_count: usize,
    form: &mut Form<'_>,
) {
    ui.heading(labels::EXPORT_HEADING);
    ui.label("导出会生成一个光盘文件夹（推荐报告、汇总表 PDF 和 Excel、附件、文件清单）和同名的 .iso 光盘映像。");
    if let Some(note) = &page.note {
        ui.label(RichText::new(note).weak());
    }
    ui.add_space(8.0);
    if error_count > 0 {
        ui.horizontal(|ui| {
            ui.label(
                RichText::new(format!("还有 {error_count} 个错误，改正后才能导出。"))
                    .color(error_color(ui)),
            );
            if ui.link(labels::NAV_CHECK).clicked() {
                form.commands.push(Command::Show(Screen::Check));
            }
        });
    }
    let label = ui.label(labels::EXPORT_FOLDER);
    let running = page.job.is_some();
    let can_start = error_count == 0 && !running;
    match path_row_ui(
        ui,
        &mut page.out_dir,
        label.id,
        &[labels::EXPORT_PICK_FOLDER],
    ) {
        PathRow::Button(_) => form.commands.push(Command::Pick(PathTarget::ExportFolder)),
        // Enter in the box is 开始导出.
        PathRow::Entered if can_start => {
            form.commands
                .push(Command::Export(super::ExportCommand::Start {
                    overwrite: false,
                }));
        }
        PathRow::Entered | PathRow::Nothing => {}
    }
    // The folder as the export will use it; one line always, so the buttons below stay put.
    match page.resolve_out_dir() {
        Ok(dir) => ui.label(RichText::new(format!("完整路径：{}", dir.display())).weak()),
        Err(e) => ui.label(RichText::new(e).color(error_color(ui))),
    };
    ui.checkbox(&mut page.options.word, labels::EXPORT_WORD_SETTING);
    ui.horizontal(|ui| {
        if ui
            .add_enabled(can_start, egui::Button::new(labels::EXPORT_START))
            .clicked()
        {
            form.commands
                .push(Command::Export(super::ExportCommand::Start {
                    overwrite: false,
                }));
        }
        if page.confirm_overwrite {
            ui.label(RichText::new("该文件夹中已有同名的报送材料。").color(error_color(ui)));
            if ui.button(labels::EXPORT_OVERWRITE).clicked() {
                form.commands
                    .push(Command::Export(super::ExportCommand::Start {
                        overwrite: true,
                    }));
            }
        }
    });
    let stale = page.outcome_stale_reason(draft);
    fixed_box_ui(ui, "export_status", |ui| {
        export_status_ui(ui, page, stale.as_deref(), form);
    });
    // An old export is not offered for printing or burning: the box above says, in grey, why and where it was.
    if let Some(outcome) = page.outcome.as_ref().filter(|_| stale.is_none()) {
        outcome_ui(ui, page, outcome, form);
    }
    ui.add_space(20.0);
    verify_ui(ui, page, running, draft, form);
}

/// What happened in a path row.
enum PathRow {
    Nothing,
    /// The button at this index was clicked.
    Button(usize),
    /// Enter was pressed in the box.
    Entered,
}

/// The text box of a path with its buttons on the right; the box takes the width the buttons leave, so the
/// buttons stay in the window however narrow it is.
fn path_row_ui(ui: &mut Ui, text: &mut String, label: egui::Id, buttons: &[&str]) -> PathRow {
    let mut clicked = PathRow::Nothing;
    let row = egui::vec2(ui.available_width(), ui.spacing().interact_size.y);
    ui.allocate_ui_with_layout(
        row,
        egui::Layout::right_to_left(egui::Align::Center),
        |ui| {
            for (index, button) in buttons.iter().enumerate().rev() {
                if ui.button(*button).clicked() {
                    clicked = PathRow::Button(index);
                }
            }
            let response = ui
                .add(egui::TextEdit::singleline(text).desired_width(ui.available_width()))
                .labelled_by(label);
            if response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                clicked = PathRow::Entered;
            }
        },
    );
    clicked
}

/// A box of `STATUS_ROWS` rows, always that high: longer text scrolls inside it.
fn fixed_box_ui(ui: &mut Ui, id: &str, content: impl FnOnce(&mut Ui)) {
    let row = ui.spacing().interact_size.y + ui.spacing().item_spacing.y;
    let size = egui::vec2(ui.available_width(), STATUS_ROWS * row);
    ui.allocate_ui(size, |ui| {
        ui.set_min_size(size);
        egui::ScrollArea::vertical()
            .id_salt(id)
            .max_height(size.y)
            .auto_shrink([false, true])
            .show(ui, content);
    });
}

/// Progress, the error, or one line on the last export.
fn export_status_ui(ui: &mut Ui, page: &ExportPage, stale: Option<&str>, form: &mut Form<'_>) {
    if let Some(job) = page.job.as_ref().filter(|_| page.is_exporting()) {
        progress_ui(ui, job, form);
    } else if let Some(error) = &page.export_error {
        ui.label(RichText::new(error).color(error_color(ui)));
    } else if let Some(outcome) = &page.outcome {
        if let Some(why) = stale {
            ui.label(
                RichText::new(format!(
                    "{}：{why}。上次导出的材料已不是最新的，请重新导出。",
                    labels::RESULT_OUT_OF_DATE
                ))
                .weak(),
            );
            ui.label(RichText::new(format!("上次导出：{}", outcome.folder.display())).weak());
        } else {
            ui.label(RichText::new(labels::EXPORT_DONE).strong());
        }
        if let Some(made) = page.exported() {
            ui.label(RichText::new(format!("导出自：{}", made.state_text())).weak());
        }
    } else {
        ui.label(RichText::new("尚未导出。").weak());
    }
}

fn progress_ui(ui: &mut Ui, job: &Job, form: &mut Form<'_>) {
    ui.label(job.title);
    ui.add(egui::ProgressBar::new(job.progress.fraction).show_percentage());
    ui.horizontal(|ui| {
        ui.label(RichText::new(&job.progress.step).weak());
        let cancel_text = if job.is_cancelling() {
            "正在取消…"
        } else {
            labels::CANCEL
        };
        if ui
            .add_enabled(!job.is_cancelling(), egui::Button::new(cancel_text))
            .clicked()
        {
            form.commands
                .push(Command::Export(super::ExportCommand::Cancel));
        }
    });
}

fn outcome_ui(ui: &mut Ui, page: &ExportPage, outcome: &ExportOutcome, form: &mut Form<'_>) {
    match &outcome.finalize_code {
        Some(code) => {
            ui.label(
                RichText::new(format!("定稿码：{code}（印在每页页脚，也写在盘面上）")).strong(),
            );
        }
        None => {
            ui.label(
                RichText::new("这是审阅稿：未定稿，每页带草稿水印，没有光盘映像，不能报送。")
                    .color(error_color(ui)),
            );
        }
    }
    ui.label(format!("光盘文件夹：{}", outcome.folder.display()));
    if let Some(iso) = &outcome.iso {
        ui.label(format!(
            "光盘映像：{}（{:.1} MB，一张 CD-R 光盘容量 700 MB）",
            iso.display(),
            crate::package::mb(outcome.iso_bytes),
        ));
    }
    ui.horizontal_wrapped(|ui| {
        ui.label(format!(
            "打印版：{}（共 {} 页，不在光盘上）",
            outcome.print_pdf.display(),
            outcome.print_pages
        ));
        if ui.button(labels::PRINT).clicked() {
            form.commands
                .push(Command::Export(super::ExportCommand::OpenPrint(
                    outcome.print_pdf.clone(),
                )));
        }
    });
    // Why 打印… did not open, right under its line, with what the clerk can do instead.
    open_failure_ui(ui, page.print_failure.as_ref(), form);
    ui.label("请双面打印，份数选 3（1式3份）：每份文件都从奇数页开始，背面空白页已插入。");
    if outcome.is_near_cd_limit {
        ui.label(RichText::new("超过 650 MB：请使用 700 MB 的 CD-R 光盘。").color(error_color(ui)));
    }
    if ui.button(labels::OPEN_FOLDER).clicked() {
        let parent = outcome
            .folder
            .parent()
            .map_or_else(|| outcome.folder.clone(), Path::to_path_buf);
        form.commands
            .push(Command::Export(super::ExportCommand::OpenFolder(parent)));
    }
    open_failure_ui(ui, page.folder_failure.as_ref(), form);
    ui.add_space(6.0);
    ui.label(RichText::new(labels::DISC_LABEL).strong());
    let mut label_text = outcome.disc_label.clone();
    let heading = ui.label("用记号笔写在光盘盘面上（可选中复制）：");
    ui.add(
        egui::TextEdit::multiline(&mut label_text)
            .desired_rows(4)
            .desired_width(ui.available_width().min(480.0)),
    )
    .labelled_by(heading.id);
    ui.label(RichText::new(labels::BURN_HINT).weak());
}

/// Why a file or folder did not open, in red, with 打开所在文件夹 and 复制路径.
fn open_failure_ui(ui: &mut Ui, failure: Option<&super::OpenFailure>, form: &mut Form<'_>) {
    let Some(failure) = failure else {
        return;
    };
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(&failure.text).color(error_color(ui)));
        if let Some(folder) = failure.path.parent().filter(|_| failure.path.is_file())
            && ui.button(labels::OPEN_CONTAINING_FOLDER).clicked()
        {
            form.commands
                .push(Command::Export(super::ExportCommand::OpenFolder(
                    folder.to_path_buf(),
                )));
        }
        if ui.button(labels::COPY_PATH).clicked() {
            ui.ctx().copy_text(failure.path.display().to_string());
        }
    });
}

fn verify_ui(
    ui: &mut Ui,
    page: &mut ExportPage,
    running: bool,
    draft: &Draft,
    form: &mut Form<'_>,
) {
    ui.heading(labels::VERIFY_HEADING);
    ui.label(
        "刻录后，把光盘放入光驱，选择光盘盘符（如 E:\\）或导出的文件夹、.iso 文件，逐一核对文件。",
    );
    let label = ui.label(labels::VERIFY_PATH);
    let row = path_row_ui(
        ui,
        &mut page.verify_path,
        label.id,
        &[labels::VERIFY_PICK_FOLDER, labels::VERIFY_PICK_IMAGE],
    );
    let can_verify = !running && !page.verify_path.trim().is_empty();
    match row {
        PathRow::Button(0) => form.commands.push(Command::Pick(PathTarget::VerifyFolder)),
        PathRow::Button(_) => form.commands.push(Command::Pick(PathTarget::VerifyImage)),
        PathRow::Entered | PathRow::Nothing => {}
    }
    let entered = matches!(row, PathRow::Entered) && can_verify;
    if ui
        .add_enabled(can_verify, egui::Button::new(labels::VERIFY_START))
        .clicked()
        || entered
    {
        form.commands
            .push(Command::Export(super::ExportCommand::Verify));
    }
    if let Some(job) = page.job.as_ref().filter(|_| !page.is_exporting()) {
        progress_ui(ui, job, form);
    }
    if let Some(error) = &page.verify_error {
        ui.label(RichText::new(error).color(error_color(ui)));
    }
    if let Some(report) = &page.report {
        let stale = page.report_stale_reason(draft);
        let color = match &stale {
            // An old result in grey, under the reason: it no longer says anything about these drafts.
            Some(why) => {
                ui.label(
                    RichText::new(format!(
                        "{}：{why}。下面的校验结果对应的是旧的材料，请重新校验。",
                        labels::RESULT_OUT_OF_DATE
                    ))
                    .weak(),
                );
                ui.visuals().weak_text_color()
            }
            None if report.is_clean() => ui.visuals().hyperlink_color,
            None => error_color(ui),
        };
        if let Some(made) = page.verified() {
            ui.label(
                RichText::new(format!(
                    "校验位置：{}（校验时的草稿：{}）",
                    made.place.display(),
                    made.state_text()
                ))
                .color(color),
            );
        }
        for line in report.lines() {
            ui.label(RichText::new(line).color(color));
        }
    }
}
