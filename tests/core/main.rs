//! Headless end-to-end tests: the store, rendering, export and verify, import, attachments, crashes, memory.
//! One test binary with a module per former test file: each binary links egui and wgpu, so fewer binaries build
//! and link much faster (docs/architecture.md, "Tests").

#[path = "../common/binary.rs"]
mod binary;
#[path = "../common/mod.rs"]
mod common;

mod attachments;
mod auto_backup;
mod crash;
mod docx;
mod export;
mod hostile;
mod import;
mod import_corpus;
mod import_doc;
mod import_hostile;
mod import_house_styles;
mod memory;
mod pool_import;
mod pool_roundtrip;
mod render;
mod save_worker;
mod section_tables;
mod section_tables_import;
mod section_tables_render;
mod store;
mod store_removed;
