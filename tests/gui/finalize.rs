//! 定稿 in the window: 定稿… → the banner and the frozen form → 取消定稿 with a reason; and the dialog that lists
//! unconfirmed warnings (one reason per kind, the cursor in its box) and a past deadline before export.

use crate::common;

use egui::accesskit::Role;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use lingjun::ui::{self, Command, Screen};

#[test]
fn finalize_shows_the_banner_freezes_and_unfinalize_needs_a_reason() {
    let dir = tempfile::tempdir().expect("dir");
    let mut harness = common::app_harness(common::memory_app_exporting_to(
        &common::full_draft(2),
        dir.path(),
    ));
    harness.run();
    harness.get_by_label(ui::FINALIZE).click();
    harness.run();
    harness
        .get_by_role_and_label(Role::Button, ui::FINALIZE_NOW)
        .click();
    harness.run();
    let code = harness
        .state()
        .draft
        .finalized
        .clone()
        .expect("final after 定稿")
        .code;
    assert!(
        harness
            .query_by_label_contains(&format!("已定稿 · 定稿码 {code}"))
            .is_some(),
        "the banner shows the code"
    );

    // Every edit path is refused while final: the form is read-only, commands say why.
    harness
        .get_by_label("企业 1 · 浙江测试企业1有限公司")
        .click();
    harness.run();
    assert_eq!(harness.state().screen, Screen::Enterprise(0));
    assert!(
        harness
            .get_by_label("企业名称")
            .accesskit_node()
            .is_disabled()
    );
    for command in [
        Command::AddEnterprise,
        Command::RemoveEnterprise(1),
        Command::RestoreFrom(dir.path().join("x.json")),
        Command::Word(ui::WordCommand::ImportFrom {
            enterprise: 0,
            path: dir.path().join("x.docx"),
        }),
    ] {
        harness.state_mut().queue(command);
        harness.run();
        assert!(
            harness
                .query_by_label_contains("取消定稿”并写明理由")
                .is_some(),
            "refused with the reason"
        );
        harness.get_by_label(ui::OK).click();
        harness.run();
    }
    assert_eq!(harness.state().draft.enterprises.len(), 2);

    harness.get_by_label(ui::UNFINALIZE).click();
    harness.run();
    assert!(
        harness
            .get_by_role_and_label(Role::Button, ui::UNFINALIZE_NOW)
            .accesskit_node()
            .is_disabled(),
        "no reason, no 取消定稿"
    );
    harness
        .get_by_label(ui::UNFINALIZE_REASON)
        .type_text("领导要求修改企业 2 的做法");
    harness.run();
    harness
        .get_by_role_and_label(Role::Button, ui::UNFINALIZE_NOW)
        .click();
    harness.run();
    assert!(!harness.state().draft.is_final());
    assert!(harness.query_by_label(ui::NOT_FINAL_BAR).is_some());
    harness.state_mut().screen = Screen::Export;
    harness.run();
    assert!(
        harness
            .query_by_label_contains("理由：领导要求修改企业 2 的做法")
            .is_some(),
        "the 定稿记录 on the export page"
    );
    assert!(
        harness
            .query_by_label_contains(&format!("定稿，定稿码 {code}"))
            .is_some()
    );
}

#[test]
fn export_asks_about_unconfirmed_warnings_and_a_past_deadline() {
    let dir = tempfile::tempdir().expect("dir");
    let mut draft = common::full_draft(2);
    draft.enterprises[0].phone = "12345".into();
    draft.enterprises[1].phone = "67890".into();
    draft.batch.deadline = "2024-09-01".into();
    let mut harness = common::app_harness(common::memory_app_exporting_to(&draft, dir.path()));
    harness.state_mut().screen = Screen::Export;
    harness.run();
    harness.get_by_label(ui::EXPORT_START).click();
    harness.run();
    assert!(harness.state().export_page.job.is_none(), "asked first");
    assert!(harness.query_by_label(ui::PENDING_TITLE).is_some());
    assert!(
        harness
            .query_by_label_contains("电话号码格式不常见（2 条）")
            .is_some()
    );
    assert!(
        harness
            .query_by_label_contains("报送截止日期 2024年9月1日 已过")
            .is_some()
    );
    assert!(
        harness
            .get_by_label(ui::ACK_REASON)
            .accesskit_node()
            .is_focused(),
        "the cursor waits in the reason box"
    );
    harness
        .get_by_label(ui::ACK_REASON)
        .type_text("分机号，已电话核实");
    harness.run();
    harness.get_by_label(ui::CONFIRM_GROUP).click();
    harness.run();
    let acknowledged: Vec<_> = harness
        .state()
        .draft
        .enterprises
        .iter()
        .map(|e| e.acknowledged.values().cloned().collect::<Vec<_>>())
        .collect();
    assert_eq!(
        acknowledged,
        [["分机号，已电话核实"], ["分机号，已电话核实"]],
        "one reason for the whole kind"
    );
    assert!(
        harness.query_by_label(ui::PENDING_TITLE).is_none(),
        "no warning left to ask about"
    );
    // The past deadline is still said; the clerk goes on.
    harness.get_by_label(ui::EXPORT_ANYWAY).click();
    harness.step();
    harness.state_mut().export_page.wait();
    harness.run();
    let outcome = harness
        .state()
        .export_page
        .outcome
        .clone()
        .expect("exported");
    assert!(outcome.iso.is_none(), "not final: a review copy");
    assert!(outcome.folder.to_string_lossy().ends_with("（草稿）"));
}
