//! The window, driven by egui_kittest (click, type, read back by label), and the real window under Xvfb.
//! One test binary with a module per former test file: each binary links egui and wgpu, so fewer binaries build
//! and link much faster (docs/architecture.md, "Tests").

#[path = "../common/binary.rs"]
mod binary;
#[path = "../common/mod.rs"]
mod common;

mod about;
mod auto_backup;
mod batches;
mod clerk_day;
mod clipping;
mod dates;
mod drafting;
mod export;
mod export_page;
mod finalize;
// Also runs this binary on a counting allocator (bytes allocated per thread), to tell what a frame costs.
mod frozen_page;
mod import;
mod import_batch;
mod integrity;
mod layout;
mod messages_paths_dates;
mod path_box;
mod pool;
mod positions;
mod preview;
mod results_state;
mod section_tables;
mod template;
mod template_files;
mod undo;
mod undo_remove;
mod window_close;
mod window_fit;
