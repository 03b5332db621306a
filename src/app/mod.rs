//! Yew front end.
