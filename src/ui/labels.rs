//! Widget labels and fixed window text. Sentences about the data come from `model::messages`.

pub const APP_TITLE: &str = "领军 · 质量强国建设领军企业推荐材料编制";
pub const NAV_BATCH_UNIT: &str = "批次与填报单位";
pub const NAV_CHECK: &str = "报送前检查";
pub const NAV_PREVIEW: &str = "汇总表预览";
pub const PRINT_PREVIEW: &str = "打印预览";
pub const IMPORT_WORD: &str = "从 Word 导入…";
pub const EXPORT_WORD: &str = "导出 Word…";
pub const UNDO_IMPORT: &str = "撤销导入";
pub const UNDO_IMPORT_GONE: &str = "撤销导入已不可用：导入后这家企业的内容又有改动";
pub const IMPORT_WORD_BATCH: &str = "从 Word 批量导入…";
pub const IMPORT_SKIP_FILE: &str = "跳过这个文件";
pub const IMPORT_SAVE_ALIASES: &str = "记住我改过的标题（以后导入时自动归入所选部分）";
pub const IMPORT_APPLY: &str = "确认导入";
pub const IMPORT_REPLACE: &str = "导入并替换已有内容";
pub const IMPORT_FILL_ONLY: &str = "只填入空白项";
pub const EXPORT_WORD_SETTING: &str = "同时导出 Word 版（.docx）";
pub const PREVIEW_SUMMARY: &str = "推荐名单汇总表";
pub const ADD_ENTERPRISE: &str = "＋ 添加企业";
pub const REMOVE_ENTERPRISE: &str = "删除此企业…";
pub const MOVE_UP: &str = "↑ 上移";
pub const MOVE_DOWN: &str = "↓ 下移";
pub const CONFIRM_REMOVE_TITLE: &str = "删除企业";
pub const CONFIRM: &str = "确定";
pub const CANCEL: &str = "取消";
pub const DELETE: &str = "删除";
pub const MENU_EDIT: &str = "编辑";
/// The notice after 删除 and the 编辑 menu's entry: puts the removed enterprise back.
pub const UNDO_REMOVE: &str = "撤销删除";
pub const REMOVED_LIST: &str = "已删除的企业（点击恢复到原位置）";
pub const REMOVED_NONE: &str = "本批次没有已删除的企业";
pub const CLOSE_NOTICE: &str = "关闭";
pub const MENU_FILE: &str = "文件";
pub const MENU_BACKUP: &str = "备份草稿到文件…";
pub const MENU_RESTORE: &str = "从备份文件恢复…";
pub const MENU_RESTORE_AUTO: &str = "从自动备份恢复…";
pub const AUTO_BACKUP_TITLE: &str = "从自动备份恢复";
pub const AUTO_BACKUP_RESTORE: &str = "恢复此备份…";
pub const AUTO_BACKUP_CAP: &str = "自动备份总大小上限（MB）：";
pub const AUTO_BACKUP_CAP_SAVE: &str = "保存上限";
pub const MENU_QUIT: &str = "退出";
pub const MENU_HELP: &str = "帮助";
pub const MENU_ABOUT: &str = "关于领军";
pub const ATTACH_FILES: &str = "添加附件…";
/// The in-app path box beside a file dialog button, for when the system's dialog cannot open.
pub const TYPE_PATH: &str = "输入路径…";
pub const MENU_BACKUP_TYPED: &str = "输入路径备份…";
pub const MENU_RESTORE_TYPED: &str = "输入路径恢复…";
pub const USE_PATH: &str = "使用此路径";
pub const PATH_BOX: &str = "路径";
pub const NO_FILE_DIALOG: &str = "无法打开系统文件对话框，请直接输入路径。";
pub const REMOVE_ATTACHMENT: &str = "移除";
pub const ACKNOWLEDGE: &str = "确认此警告…";
pub const ACK_REASON: &str = "确认理由";
pub const ACK_SAVE: &str = "保存理由";
pub const ACK_WITHDRAW: &str = "撤销确认";
pub const ADD_ENTERPRISE_FINAL: &str = "已定稿，不能添加企业；如需修改请先取消定稿";
pub const FINALIZE: &str = "定稿…";
pub const FINALIZE_NOW: &str = "定稿";
pub const UNFINALIZE: &str = "取消定稿…";
pub const UNFINALIZE_NOW: &str = "取消定稿";
pub const UNFINALIZE_REASON: &str = "取消定稿的理由";
pub const MENU_FINAL: &str = "定稿";
pub const NOT_FINAL_BAR: &str = "未定稿：导出的是审阅稿（带草稿水印，不生成光盘映像）";
pub const PENDING_TITLE: &str = "还有未确认的警告";
pub const CONFIRM_GROUP: &str = "以此理由确认";
pub const EXPORT_ANYWAY: &str = "继续导出";
pub const FINALIZE_ANYWAY: &str = "仍要定稿";
pub const FINAL_LOG: &str = "定稿记录";
pub const PRINT: &str = "打印…";
pub const SECTION_HEADING_BATCH: &str = "年度批次";
pub const SECTION_HEADING_UNIT: &str = "填报单位";
pub const SECTION_HEADING_BASIC: &str = "企业信息";
pub const SECTION_HEADING_CUSTOM: &str = "本批次模板增加的信息";
pub const SECTION_HEADING_FIGURES: &str = "主要指标（选填）";
pub const SECTION_HEADING_REPORT: &str = "推荐报告正文";
pub const SECTION_HEADING_ATTACHMENTS: &str = "附件（盖章页等扫描件，随光盘报送）";
pub const NO_ISSUES: &str = "没有发现问题，可以导出报送材料。";
pub const OK: &str = "知道了";
pub const NAV_EXPORT: &str = "导出与光盘";
pub const NAV_TEMPLATE: &str = "报告模板";
pub const MENU_BATCH: &str = "批次";
pub const MENU_NEW_BATCH: &str = "新建下一年度批次…";
pub const BATCH_ARCHIVED: &str = "已归档";
pub const BATCH_BACK: &str = "回到当前批次";
pub const NEW_BATCH_YEAR: &str = "新批次年度";
pub const NEW_BATCH_START: &str = "新建批次";
pub const TEMPLATE_HEADING: &str = "报告模板（附件2 推荐报告、附件3 汇总表）";
pub const TEMPLATE_EXPORT: &str = "导出模板…";
pub const TEMPLATE_IMPORT: &str = "导入模板…";
pub const TEMPLATE_BUILT_IN: &str = "恢复内置模板…";
pub const TEMPLATE_USE_BUILT_IN: &str = "恢复内置模板";
pub const TEMPLATE_KEPT: &str = "已保留的内容";
pub const TEMPLATE_ADD_SECTION: &str = "＋ 添加章节";
pub const TEMPLATE_ADD_FIELD: &str = "＋ 添加字段";
pub const TEMPLATE_ADD_FACT: &str = "＋ 添加一行";
pub const TEMPLATE_ADD_COLUMN: &str = "＋ 添加一列";
pub const TEMPLATE_REMOVE_ANYWAY: &str = "仍然移除（文字保留）";
pub const TEMPLATE_IMPORT_ANYWAY: &str = "仍然导入（文字保留）";
pub const TEMPLATE_QUOTA: &str = "每省最多推荐";
pub const TEMPLATE_PREVIEW: &str = "预览";
pub const EXPORT_HEADING: &str = "导出报送材料和光盘映像";
pub const EXPORT_FOLDER: &str = "导出到文件夹";
pub const EXPORT_PICK_FOLDER: &str = "选择导出文件夹…";
pub const EXPORT_START: &str = "开始导出";
pub const EXPORT_OVERWRITE: &str = "替换已有的材料";
pub const EXPORT_DONE: &str = "导出完成";
pub const OPEN_FOLDER: &str = "打开所在文件夹";
/// Beside a file that did not open: the folder that holds it.
pub const OPEN_CONTAINING_FOLDER: &str = "打开文件所在的文件夹";
/// Beside a file that did not open: its path to the clipboard.
pub const COPY_PATH: &str = "复制路径";
/// Before the reason a result shown no longer matches the drafts.
pub const RESULT_OUT_OF_DATE: &str = "结果已过时";
pub const DISC_LABEL: &str = "盘面标注";
pub const BURN_HINT: &str = "刻录：在资源管理器中右键 .iso 文件，选择“刻录光盘映像”，勾选“刻录后验证光盘”。不要用“刻录到光盘”拖放文件的方式，部分旧电脑读不出。";
pub const VERIFY_HEADING: &str = "校验光盘";
pub const VERIFY_PATH: &str = "校验位置";
pub const VERIFY_PICK_FOLDER: &str = "选择光盘或文件夹…";
pub const VERIFY_PICK_IMAGE: &str = "选择 .iso 文件…";
pub const VERIFY_START: &str = "开始校验";
pub const CODE_NORMALIZED: &str = "已转换为半角大写（去掉空格和连字符），打印时即为此代码";
pub const DATE_NORMALIZED: &str = "已改写为 年-月-日 格式";
pub const REQUIRED_MARK: &str = "必填";
pub const MENU_GUIDE: &str = "使用说明";
pub const QUIT_WHILE_EXPORTING: &str =
    "正在导出报送材料，现在退出会中断导出。请等导出完成，或在“导出与光盘”页先点“取消”，再退出。";
pub const GUIDE: &str = "领军的使用顺序：填写 → 检查 → 定稿 → 导出 → 打印 → 刻录 → 校验

1. 填写：在“批次与填报单位”填写年度、截止日期和填报单位；点“＋ 添加企业”，逐家填写企业信息、推荐报告各章节，并添加盖章页等附件。内容随时自动保存。
2. 检查：打开“报送前检查”，改正全部错误；警告可以改正，也可以填写理由后确认。点击条目会跳到对应位置。
3. 定稿：在“文件”菜单中选择“定稿…”。定稿后材料不再带“草稿”水印，并生成定稿码；如需修改，可在“文件”菜单中“取消定稿…”。
4. 导出：在“导出与光盘”选择导出文件夹，点“开始导出”，生成光盘文件夹和 .iso 光盘映像。
5. 打印：打印导出文件夹中的推荐报告和汇总表 PDF，按要求盖章。
6. 刻录：在资源管理器中右键 .iso 文件，选择“刻录光盘映像”，勾选“刻录后验证光盘”，使用 700 MB 的 CD-R 光盘。
7. 校验：把刻好的光盘放入光驱，在“导出与光盘”页选择光盘盘符，点“开始校验”，确认每个文件都与清单一致。

备份：“文件 → 备份草稿到文件…”可随时把全部草稿存为一个文件；程序每次启动也会自动备份。

模板：如正式的附件2、附件3 与本程序不同，在“报告模板”页修改章节、企业字段、汇总表的列和报送规则，右侧即时预览；已填写的文字不会因此丢失。下一年度：“批次 → 新建下一年度批次…”，往年批次可在“批次”菜单中只读打开和再次导出。";

/// The 日历 button after a date field, and its calendar.
pub const DATE_PICKER: &str = "日历";
pub const DATE_PICKER_HOVER: &str = "从日历中选择日期";
pub const DATE_HINT: &str = "年-月-日，如 2024-09-20";
pub const DATE_PREV_YEAR: &str = "上一年";
pub const DATE_PREV_MONTH: &str = "上月";
pub const DATE_NEXT_MONTH: &str = "下月";
pub const DATE_NEXT_YEAR: &str = "下一年";
pub const DATE_TODAY: &str = "今天";
/// Chinese calendars start the week on Monday.
pub const WEEKDAYS: [&str; 7] = ["一", "二", "三", "四", "五", "六", "日"];
