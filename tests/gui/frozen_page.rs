//! A frozen page (定稿, an archived batch) is drawn from the drafts themselves: no copy of the drafts at every
//! frame, and drawing it adds nothing to them. The bytes a frame allocates on the test's thread are counted by
//! the counting allocator this binary runs on (`CountingAlloc`, below), so a copy of the drafts shows as megabytes.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use crate::common;

use egui_kittest::kittest::{NodeT as _, Queryable as _};
use lingjun::ui::Screen;

thread_local! {
    /// Bytes allocated on this thread since it started.
    static ALLOCATED: Cell<u64> = const { Cell::new(0) };
}

/// The system's allocator, counting the bytes each thread asks for.
struct CountingAlloc;

#[expect(
    unsafe_code,
    reason = "a global allocator is an unsafe trait; this one passes on to the system's"
)]
// SAFETY: every call is passed on unchanged to `System`, which upholds the contract; the count is a side note.
unsafe impl GlobalAlloc for CountingAlloc {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count(layout.size());
        // SAFETY: the caller's layout, as `GlobalAlloc::alloc` requires.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from `System` with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        count(layout.size());
        // SAFETY: as for `alloc`.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count(new_size);
        // SAFETY: `ptr` came from `System` with `layout`; the caller checked `new_size`.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static COUNTING: CountingAlloc = CountingAlloc;

fn count(bytes: usize) {
    // A thread being torn down has no counter left; its allocations do not matter here.
    ALLOCATED
        .try_with(|c| c.set(c.get().saturating_add(bytes as u64)))
        .ok();
}

fn allocated() -> u64 {
    ALLOCATED.with(Cell::get)
}

/// Characters of report text in the enterprise not shown: 3 bytes each in UTF-8, 12 MB in all.
const LONG_CHARS: usize = 4_000_000;

/// A final draft of two enterprises, the second with 12 MB of report text; the first lacks one section, which
/// its page must not add.
fn final_draft_with_long_text() -> (lingjun::model::Draft, String) {
    let mut draft = common::full_draft(2);
    let keys: Vec<String> = draft.enterprises[1].sections.keys().cloned().collect();
    draft.enterprises[1]
        .sections
        .insert(keys[0].clone(), "质".repeat(LONG_CHARS));
    draft.enterprises[0].sections.remove(&keys[1]);
    common::mark_final(&mut draft);
    (draft, keys[1].clone())
}

/// The most bytes one frame of the page allocated, over a few frames after it settled.
fn bytes_per_frame(harness: &mut egui_kittest::Harness<'_, lingjun::ui::App>) -> u64 {
    (0..3)
        .map(|_| {
            let before = allocated();
            harness.step();
            allocated() - before
        })
        .max()
        .unwrap_or(0)
}

/// The final enterprise page and 基本信息 page cost a frame far less than the 12 MB a copy of the drafts would;
/// the page is read-only, and the section the draft lacks is still missing after it was drawn.
#[test]
fn a_final_page_is_drawn_without_copying_the_drafts() {
    let (draft, missing) = final_draft_with_long_text();
    let app = common::memory_app(&draft);
    let loaded = app.draft.clone();
    let mut harness = common::app_harness(app);
    for screen in [Screen::Enterprise(0), Screen::BatchUnit] {
        harness.state_mut().screen = screen;
        harness.run();
        let bytes = bytes_per_frame(&mut harness);
        assert!(
            bytes < (LONG_CHARS as u64) * 3 / 4,
            "{screen:?}: {bytes} bytes in one frame, as if the drafts were copied"
        );
    }
    harness.state_mut().screen = Screen::Enterprise(0);
    harness.run();
    assert!(
        harness
            .get_by_label("企业名称")
            .accesskit_node()
            .is_disabled(),
        "read-only"
    );
    assert!(
        !harness.state().draft.enterprises[0]
            .sections
            .contains_key(&missing),
        "drawing a final page adds no empty section to the drafts"
    );
    assert!(harness.state().draft == loaded, "nothing changed");
}

/// The counter sees a copy of the drafts: the test above would notice the copy coming back.
#[test]
fn a_copy_of_the_drafts_is_counted() {
    let (draft, _) = final_draft_with_long_text();
    let before = allocated();
    let copy = draft.clone();
    let bytes = allocated() - before;
    assert!(bytes >= (LONG_CHARS as u64) * 3, "{bytes} bytes for a copy");
    drop(copy);
}
