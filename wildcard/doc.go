// Package wildcard implements the wildcard language of IAM policies: the
// `*` and `?` of Action, NotAction, Resource and NotResource elements and of
// the StringLike and ArnLike condition operators.
//
// A pattern has two metacharacters and nothing else:
//
//   - `*` matches any run of characters, including the empty run;
//   - `?` matches exactly one character.
//
// There are no escapes, no character classes and no regular expressions.
// Everything else in a pattern stands for itself.
//
// # Characters
//
// A character is one UTF-8 encoded rune; a byte that is not part of a valid
// UTF-8 encoding counts as one character on its own. Both the pattern and the
// matched string are read this way, so `?` matches "é" (two bytes) and also a
// lone invalid byte, and a wildcard never stops in the middle of a valid
// multi-byte rune.
//
// # Case
//
// [Pattern.Match] is case-sensitive (resource ARNs, StringLike values).
// [Pattern.MatchFold] folds ASCII letters only ("iam:ListUsers" matches
// "IAM:listusers", as IAM does for actions); other bytes must be equal.
//
// # Compiling and building
//
// [Compile] turns a pattern string into an immutable [Pattern]; it never
// fails. The compiled form keeps literal text and wildcards apart, which lets
// a [Builder] splice text in which `*` and `?` are ordinary characters, such
// as the resolved value of a policy variable (${aws:username}): a value of
// "a*b" spliced with [Builder.AppendLiteral] matches only the three
// characters "a*b".
//
// # Cost
//
// Matching makes no heap allocations and never backtracks across a `*`. The
// pattern is split at its stars into segments; the first segment must match
// at the start of the string, the last at its end, and each one in between is
// placed at its leftmost occurrence, found with [strings.Index] (or an ASCII
// case-folding equivalent). A pattern made of 1,000 stars, or of `*a`
// repeated 1,000 times, is decided against a 100,000-character string in
// time linear in the string. The worst case, reached only by `?` inside a
// segment between stars, is O(len(s) × segment length).
package wildcard
