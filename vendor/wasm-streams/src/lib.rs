//! The part of wasm-streams 0.5 that leptos's `server_fn` uses, with no exported JS classes.

use std::cell::RefCell;
use std::future::poll_fn;
use std::pin::Pin;
use std::rc::Rc;

use futures_util::Stream;
use futures_util::stream;
use js_sys::{Object, Promise, Reflect};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::{JsFuture, future_to_promise};
use web_sys::{QueuingStrategy, ReadableStreamDefaultController, ReadableStreamDefaultReader};

/// The raw types, where wasm-streams keeps them.
pub mod readable {
    pub mod sys {
        pub use web_sys::ReadableStream;
    }
}

type Chunks = Pin<Box<dyn Stream<Item = Result<JsValue, JsValue>>>>;

/// A web `ReadableStream`, convertible from and to a Rust [`Stream`] of `JsValue` chunks.
pub struct ReadableStream {
    raw: web_sys::ReadableStream,
}

impl ReadableStream {
    pub fn from_raw(raw: web_sys::ReadableStream) -> Self {
        Self { raw }
    }

    pub fn into_raw(self) -> web_sys::ReadableStream {
        self.raw
    }

    /// A web stream that pulls from `stream`: a chunk per `Ok`, an error for `Err`, closed at
    /// its end; cancelling it drops `stream`.
    pub fn from_stream<St>(stream: St) -> Self
    where
        St: Stream<Item = Result<JsValue, JsValue>> + 'static,
    {
        let chunks: Rc<RefCell<Option<Chunks>>> = Rc::new(RefCell::new(Some(Box::pin(stream))));
        let pulled = chunks.clone();
        let pull = Closure::<dyn FnMut(ReadableStreamDefaultController) -> Promise>::new(
            move |controller: ReadableStreamDefaultController| {
                let chunks = pulled.clone();
                future_to_promise(async move {
                    // The borrow lasts one poll, never across an await.
                    let next = poll_fn(|cx| match chunks.borrow_mut().as_mut() {
                        Some(chunks) => chunks.as_mut().poll_next(cx),
                        None => std::task::Poll::Ready(None),
                    })
                    .await;
                    match next {
                        Some(Ok(chunk)) => controller.enqueue_with_chunk(&chunk)?,
                        Some(Err(error)) => return Err(error),
                        None => {
                            chunks.borrow_mut().take();
                            controller.close()?
                        }
                    }
                    Ok(JsValue::UNDEFINED)
                })
            },
        );
        let cancel = Closure::<dyn FnMut(JsValue)>::new(move |_reason: JsValue| {
            chunks.borrow_mut().take();
        });
        let source = Object::new();
        // Setting a property on a fresh plain object cannot fail.
        let _ = Reflect::set(&source, &"pull".into(), &pull.into_js_value());
        let _ = Reflect::set(&source, &"cancel".into(), &cancel.into_js_value());
        // No read-ahead: the Rust stream decides when work happens, as in wasm-streams.
        let strategy = QueuingStrategy::new();
        strategy.set_high_water_mark(0.0);
        let raw =
            web_sys::ReadableStream::new_with_underlying_source_and_strategy(&source, &strategy)
                .expect("a ReadableStream from a plain underlying source");
        Self { raw }
    }

    /// The stream's chunks; an error ends it. Throws, like wasm-streams, when the stream is
    /// already locked to a reader.
    pub fn into_stream(self) -> impl Stream<Item = Result<JsValue, JsValue>> + 'static {
        let reader: ReadableStreamDefaultReader = self.raw.get_reader().unchecked_into();
        stream::unfold(Some(reader), |reader| async move {
            let reader = reader?;
            match JsFuture::from(reader.read()).await {
                Err(error) => Some((Err(error), None)),
                Ok(result) => {
                    let done = Reflect::get(&result, &"done".into())
                        .map(|done| done.is_truthy())
                        .unwrap_or(true);
                    if done {
                        return None;
                    }
                    let value = Reflect::get(&result, &"value".into()).unwrap_or_default();
                    Some((Ok(value), Some(reader)))
                }
            }
        })
    }
}
