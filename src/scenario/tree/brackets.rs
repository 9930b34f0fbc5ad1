//! Where a bracket that is never closed was most likely left open. The parser only learns it at the
//! end of the file, by then inside whichever bracket the mistake shifted everything into; the
//! file's indentation tells more: a line that starts by closing a bracket at a lesser indentation
//! than the line that opened the innermost open one means that one should have been closed first
//! (a duplicated `victory: (`). With no such line, the closing bracket is missing at the end (a
//! deleted final `)`), and the error points there.

use super::{Pos, SyntaxError};

/// A bracket still open: its character, where it is, and the indentation of its line.
struct Open {
    ch: char,
    pos: Pos,
    indent: usize,
}

fn closer(open: char) -> char {
    match open {
        '(' => ')',
        '[' => ']',
        _ => '}',
    }
}

/// The likelier place of a bracket never closed in `text`, if there is one.
pub(super) fn likely_unclosed(text: &str) -> Option<SyntaxError> {
    let chars: Vec<char> = text.chars().collect();
    let mut stack: Vec<Open> = Vec::new();
    let (mut line, mut col) = (1u32, 1u32);
    let (mut indent, mut first) = (0usize, true);
    // The end of the last line holding anything.
    let mut last = Pos { line: 1, col: 1 };
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        // Skips to just past `upto`, counting lines and columns.
        let skip_to = |i: &mut usize, line: &mut u32, col: &mut u32, upto: usize| {
            while *i < upto.min(chars.len()) {
                if chars[*i] == '\n' {
                    *line += 1;
                    *col = 1;
                } else {
                    *col += 1;
                }
                *i += 1;
            }
        };
        match c {
            '\n' => {
                line += 1;
                col = 1;
                indent = 0;
                first = true;
                i += 1;
                continue;
            }
            ' ' | '\t' | '\r' if first => {
                indent += 1;
            }
            _ if c.is_whitespace() => {}
            '/' if next == Some('/') => {
                let end = (i..chars.len())
                    .find(|&j| chars[j] == '\n')
                    .unwrap_or(chars.len());
                skip_to(&mut i, &mut line, &mut col, end);
                continue;
            }
            '/' if next == Some('*') => {
                let end = (i + 2..chars.len())
                    .find(|&j| chars[j] == '*' && chars.get(j + 1) == Some(&'/'))
                    .map_or(chars.len(), |j| j + 2);
                skip_to(&mut i, &mut line, &mut col, end);
                first = false;
                continue;
            }
            '"' => {
                let mut j = i + 1;
                while j < chars.len() && chars[j] != '"' {
                    j += if chars[j] == '\\' { 2 } else { 1 };
                }
                last = Pos { line, col };
                skip_to(&mut i, &mut line, &mut col, j + 1);
                first = false;
                continue;
            }
            '(' | '[' | '{' => stack.push(Open {
                ch: c,
                pos: Pos { line, col },
                indent,
            }),
            ')' | ']' | '}' => {
                if first
                    && let Some(top) = stack.last()
                    && closer(top.ch) == c
                    && top.indent > indent
                    && stack.len() > 1
                {
                    return Some(SyntaxError {
                        pos: top.pos,
                        message: format!(
                            "this `{}` is never closed: the `{c}` that starts line {line} (less indented) closes the bracket around it, so this one should have been closed before; a bracket deleted here, or this line written twice?",
                            top.ch
                        ),
                    });
                }
                if stack.last().is_some_and(|t| closer(t.ch) == c) {
                    stack.pop();
                }
            }
            _ => {}
        }
        if !c.is_whitespace() {
            first = false;
            last = Pos { line, col: col + 1 };
        }
        col += 1;
        i += 1;
    }
    let top = stack.last()?;
    Some(SyntaxError {
        pos: last,
        message: format!(
            "the file ends here, and the `{}` on line {} is never closed: its `{}` is missing (deleted at the end, or the file cut short?)",
            top.ch,
            top.pos.line,
            closer(top.ch)
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bracket_opened_twice_is_found_by_indentation() {
        let text = "S(\n    a: (\n    a: (\n        b: 1,\n    ),\n    c: 2,\n)\n";
        let e = likely_unclosed(text).unwrap();
        assert_eq!(e.pos, Pos { line: 2, col: 8 }, "{}", e.message);
    }

    #[test]
    fn a_missing_last_bracket_is_found_at_the_end() {
        let text = "S(\n    a: (\n        b: \"x)\",\n    ),\n    c: 2,\n";
        let e = likely_unclosed(text).unwrap();
        assert_eq!(e.pos, Pos { line: 5, col: 10 }, "{}", e.message);
        assert!(e.message.contains("line 1"), "{}", e.message);
    }
}
