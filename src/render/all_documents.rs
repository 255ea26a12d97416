//! Every document of the package from one set of layouts: each document (the 汇总表 and each report) is laid out
//! once, and that layout gives its PDF and its pages in the 打印版. The documents are laid out and written on
//! threads of their own (a 2-core laptop lays out two at a time); the bytes are those of the documents made one
//! by one, since each is made from the same layout by the same code.

use std::thread::{Scope, ScopedJoinHandle};

use super::{
    Document, DocxOptions, Layout, Page, RenderError, SUMMARY_DOCX_NAME, SUMMARY_PDF_NAME,
    SUMMARY_XLSX_NAME, docx, pdf, report_file_name, report_layout, summary_layout, xlsx,
};
use crate::model::file_name::unique_file_name;
use crate::model::{Draft, Template};

/// The package's documents, in the order `documents_with` lists them, and the 打印版 made from the same layouts.
pub struct PackageDocuments {
    pub documents: Vec<Document>,
    /// The 打印版: the 汇总表 and every report, each from an odd page.
    pub print_pdf: Vec<u8>,
    pub print_pages: usize,
}

/// The documents of the package (a .docx beside each PDF when `word` is given) and the 打印版.
pub fn package_documents(
    draft: &Draft,
    template: &Template,
    word: Option<&DocxOptions>,
) -> Result<PackageDocuments, RenderError> {
    let layouts = layouts(draft, template)?;
    let make_job = |index: usize| make(draft, template, word, index, &layouts[index]);
    let (made, print) = std::thread::scope(|scope| {
        let made = spawn_each(scope, "lingjun-document", layouts.len(), &make_job);
        // The 打印版 holds every page, the longest job: written here while the threads write the documents.
        let print = print_pdf_of(draft, &layouts);
        let made: Result<Vec<_>, _> = made.into_iter().map(Pending::join).collect();
        (made, print)
    });
    let documents = named(draft, made?);
    let (print_pdf, print_pages) = print?;
    Ok(PackageDocuments {
        documents,
        print_pdf,
        print_pages,
    })
}

/// The documents alone (`render::documents_with`).
pub fn documents(
    draft: &Draft,
    template: &Template,
    word: Option<&DocxOptions>,
) -> Result<Vec<Document>, RenderError> {
    let layouts = layouts(draft, template)?;
    let make_job = |index: usize| make(draft, template, word, index, &layouts[index]);
    let made = std::thread::scope(|scope| {
        spawn_each(scope, "lingjun-document", layouts.len(), &make_job)
            .into_iter()
            .map(Pending::join)
            .collect::<Result<Vec<_>, _>>()
    })?;
    Ok(named(draft, made))
}

/// The 打印版 alone (`render::print_pdf`).
pub fn print_pdf(draft: &Draft, template: &Template) -> Result<(Vec<u8>, usize), RenderError> {
    print_pdf_of(draft, &layouts(draft, template)?)
}

/// The layout of each document, on threads: the 汇总表 first, then the reports in recommendation order.
fn layouts(draft: &Draft, template: &Template) -> Result<Vec<Layout>, RenderError> {
    let layout_job = |index: usize| match index {
        0 => Ok(summary_layout(draft)),
        n => report_layout(draft, n - 1, template),
    };
    std::thread::scope(|scope| {
        spawn_each(
            scope,
            "lingjun-layout",
            draft.enterprises.len() + 1,
            &layout_job,
        )
        .into_iter()
        .map(Pending::join)
        .collect()
    })
}

/// The files made from document `index`'s layout (0 the 汇总表, then the reports).
struct Made {
    pdf: Vec<u8>,
    docx: Option<Vec<u8>>,
    xlsx: Option<Vec<u8>>,
}

fn make(
    draft: &Draft,
    template: &Template,
    word: Option<&DocxOptions>,
    index: usize,
    layout: &Layout,
) -> Result<Made, RenderError> {
    let pdf = pdf::write_pdf(layout)?;
    if index == 0 {
        let docx = word
            .map(|options| docx::summary_docx(draft, options))
            .transpose()?;
        let xlsx = Some(xlsx::summary_xlsx(draft)?);
        return Ok(Made { pdf, docx, xlsx });
    }
    let docx = word
        .map(|options| docx::report_docx(draft, index - 1, template, options))
        .transpose()?;
    Ok(Made {
        pdf,
        docx,
        xlsx: None,
    })
}

/// The documents under their names in the package (docs/package.md): 01_推荐名单汇总表.pdf, .docx, .xlsx, then
/// each report's .pdf and .docx, every name Windows/Joliet safe and unique.
fn named(draft: &Draft, made: Vec<Made>) -> Vec<Document> {
    let mut taken: Vec<String> = Vec::new();
    let mut out = Vec::new();
    let mut add = |taken: &mut Vec<String>, file_name: String, bytes: Vec<u8>| {
        taken.push(file_name.clone());
        out.push(Document { file_name, bytes });
    };
    for (index, made) in made.into_iter().enumerate() {
        let Made { pdf, docx, xlsx } = made;
        if index == 0 {
            add(&mut taken, SUMMARY_PDF_NAME.to_owned(), pdf);
            if let Some(docx) = docx {
                add(&mut taken, SUMMARY_DOCX_NAME.to_owned(), docx);
            }
            if let Some(xlsx) = xlsx {
                add(&mut taken, SUMMARY_XLSX_NAME.to_owned(), xlsx);
            }
            continue;
        }
        let base = report_file_name(draft, index - 1);
        let Some(docx) = docx else {
            let name = unique_file_name(&base, &taken);
            add(&mut taken, name, pdf);
            continue;
        };
        // The .docx name is one character longer: make it fit first, then give the PDF the same stem.
        let base_docx = format!("{}.docx", base.strip_suffix(".pdf").unwrap_or(&base));
        let docx_name = unique_file_name(&base_docx, &taken);
        let stem = docx_name.strip_suffix(".docx").unwrap_or(&docx_name);
        let pdf_name = unique_file_name(&format!("{stem}.pdf"), &taken);
        add(&mut taken, pdf_name, pdf);
        add(&mut taken, docx_name, docx);
    }
    out
}

/// 打印版: the 汇总表 and every report in order (`layouts` as `layouts` gives them), each starting on an odd page
/// (a blank back inserted where needed), so the 1式3份 print duplex in one go. Returns the PDF and its page count.
fn print_pdf_of(draft: &Draft, layouts: &[Layout]) -> Result<(Vec<u8>, usize), RenderError> {
    let mut pages: Vec<Page> = Vec::new();
    for layout in layouts {
        if pages.len() % 2 == 1
            && let Some(last) = pages.last()
        {
            pages.push(Page::new(last.width_pt, last.height_pt));
        }
        pages.extend(layout.pages.iter().cloned());
    }
    // An even total, so that copy two of the 1式3份 starts on a fresh sheet.
    if pages.len() % 2 == 1
        && let Some(last) = pages.last()
    {
        pages.push(Page::new(last.width_pt, last.height_pt));
    }
    let count = pages.len();
    let layout = Layout {
        title: format!("{}（打印版）", draft.template.summary.title),
        author: draft.unit.name.trim().to_owned(),
        pages,
        created_unix: super::created_unix(draft),
    };
    Ok((pdf::write_pdf(&layout)?, count))
}

/// A job on a named thread of a scope, or its result when the system would not start another thread and the job
/// ran on the calling thread instead.
enum Pending<'scope, T> {
    Running(ScopedJoinHandle<'scope, T>),
    Done(T),
}

impl<T> Pending<'_, T> {
    /// The job's result; a panic in the job goes on in the caller.
    fn join(self) -> T {
        match self {
            Self::Running(handle) => handle
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            Self::Done(result) => result,
        }
    }
}

/// Starts `job(0)` … `job(count - 1)`, each on a thread named `<name>-<i>`.
fn spawn_each<'scope, T: Send + 'scope>(
    scope: &'scope Scope<'scope, '_>,
    name: &str,
    count: usize,
    job: &'scope (dyn Fn(usize) -> T + Sync),
) -> Vec<Pending<'scope, T>> {
    (0..count)
        .map(|index| {
            match std::thread::Builder::new()
                .name(format!("{name}-{index}"))
                .spawn_scoped(scope, move || job(index))
            {
                Ok(handle) => Pending::Running(handle),
                Err(_) => Pending::Done(job(index)),
            }
        })
        .collect()
}
