package arn

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// ErrMalformed is wrapped by every error this package returns for text that
// is not a well-formed ARN, account ID or ARN pattern; test for it with
// errors.Is.
var ErrMalformed = errors.New("malformed ARN")

// An ARN is an Amazon Resource Name:
// arn:Partition:Service:Region:AccountID:Resource. ARN is a comparable value
// type; the zero ARN has every field empty (see IsZero).
type ARN struct {
	Partition string // aws, aws-cn, aws-us-gov, ...
	Service   string // iam, s3, sts, ...
	Region    string // us-east-1; empty for global resources
	AccountID string // 12 digits; "aws" for AWS-managed resources; may be empty
	Resource  string // everything after the fifth colon
}

// Parse parses an ARN as AWS writes it:
//
//   - the prefix "arn:", then at least five more colon-separated parts;
//   - a partition AWS has: aws, aws-cn, aws-us-gov, aws-iso, aws-iso-b,
//     aws-iso-e, aws-iso-f or aws-eusc;
//   - a non-empty service of lower-case ASCII letters, digits and '-';
//   - an empty region or one of lower-case ASCII letters, digits and '-';
//   - an empty account, "aws" (AWS-managed policies:
//     arn:aws:iam::aws:policy/ReadOnlyAccess) or exactly 12 ASCII digits;
//   - a non-empty resource: everything after the fifth colon.
//
// Fields are kept as written, so Parse(s).String() == s whenever Parse
// succeeds. The error wraps ErrMalformed and tells what is wrong and at which
// byte offset. Parse makes no allocations when it succeeds.
func Parse(s string) (ARN, error) {
	a, e := parse(s)
	if e.kind != errNone {
		return ARN{}, e.err(s)
	}
	return a, nil
}

// MustParse is like Parse but panics when s is not a well-formed ARN. It is
// meant for tests and for ARNs written as constants in programs; never call
// it on input.
func MustParse(s string) ARN {
	a, err := Parse(s)
	if err != nil {
		panic(err)
	}
	return a
}

// Split cuts s at its first five colons into prefix ("arn" in an ARN),
// partition, service, region, account and resource. ok is false, and parts
// empty, when s has fewer than five colons. Split checks nothing else and
// makes no allocations: parts are substrings of s, and joining them with ":"
// gives s back.
func Split(s string) (parts [6]string, ok bool) {
	n, start := 0, 0
	for i := 0; i < len(s); i++ {
		if s[i] == ':' {
			parts[n] = s[start:i]
			n, start = n+1, i+1
			if n == 5 {
				parts[5] = s[start:]
				return parts, true
			}
		}
	}
	return [6]string{}, false
}

// String returns the ARN in its text form, arn:partition:service:region:
// account-id:resource, or "" for the zero ARN.
func (a ARN) String() string {
	if a.IsZero() {
		return ""
	}
	return "arn:" + a.Partition + ":" + a.Service + ":" + a.Region + ":" + a.AccountID + ":" + a.Resource
}

// IsZero reports whether a is the zero ARN.
func (a ARN) IsZero() bool { return a == ARN{} }

// Account returns the account field as an AccountID: 12 digits, "aws" for
// AWS-managed resources, or empty for resources without an account (S3
// buckets). Only the first is a valid AccountID.
func (a ARN) Account() AccountID { return AccountID(a.AccountID) }

// AppendText implements encoding.TextAppender: it appends a.String().
func (a ARN) AppendText(b []byte) ([]byte, error) { return append(b, a.String()...), nil }

// MarshalText implements encoding.TextMarshaler: the text form of a, empty
// for the zero ARN.
func (a ARN) MarshalText() ([]byte, error) { return a.AppendText(nil) }

// UnmarshalText implements encoding.TextUnmarshaler. Empty text gives the
// zero ARN; anything else must satisfy Parse.
func (a *ARN) UnmarshalText(text []byte) error {
	if len(text) == 0 {
		*a = ARN{}
		return nil
	}
	v, err := Parse(string(text))
	if err != nil {
		return err
	}
	*a = v
	return nil
}

// RootARN returns the ARN that names an account's root user, and in a
// policy's Principal element the account itself:
// arn:<partition>:iam::<account>:root. It checks neither argument.
func RootARN(partition string, account AccountID) ARN {
	return ARN{Partition: partition, Service: "iam", AccountID: string(account), Resource: "root"}
}

// IsAccountRoot reports whether s is a well-formed account root ARN,
// arn:<partition>:iam::<12 digits>:root. It makes no allocations.
func IsAccountRoot(s string) bool {
	a, e := parse(s)
	return e.kind == errNone && a.Service == "iam" && a.Region == "" &&
		a.Resource == "root" && isAccountID(a.AccountID)
}

// knownPartition reports whether p is one of AWS's partitions.
func knownPartition(p string) bool {
	switch p {
	case "aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-eusc":
		return true
	}
	return false
}

type errKind uint8

const (
	errNone      errKind = iota
	errPrefix            // no "arn:" prefix
	errParts             // fewer than six parts
	errPartition         // unknown partition
	errEmpty             // a required field is empty
	errChar              // a character not allowed in the field
	errAccount           // neither empty, "aws" nor 12 digits
)

// parseErr describes what parse found wrong, without allocating; err turns
// it into an error.
type parseErr struct {
	kind  errKind
	field string // "partition", "service", "region", "account ID", "resource"
	value string // the field's text
	off   int    // byte offset in the input of the field or bad character
	parts int    // errParts: how many parts there are
}

func (e parseErr) err(s string) error {
	var msg string
	switch e.kind {
	case errPrefix:
		msg = `missing "arn:" prefix`
	case errParts:
		msg = fmt.Sprintf("have %d colon-separated parts, want 6 (arn:partition:service:region:account-id:resource)", e.parts)
	case errPartition:
		msg = fmt.Sprintf("unknown partition %q at offset %d", e.value, e.off)
	case errEmpty:
		msg = fmt.Sprintf("empty %s at offset %d", e.field, e.off)
	case errChar:
		msg = fmt.Sprintf("invalid character %s at offset %d in %s %q", quoteByte(s[e.off]), e.off, e.field, e.value)
	case errAccount:
		msg = fmt.Sprintf(`invalid account ID %q at offset %d: want 12 digits or "aws"`, e.value, e.off)
	}
	return &parseError{what: "parse", input: s, msg: msg}
}

func quoteByte(c byte) string {
	if c < 0x80 {
		return strconv.QuoteRune(rune(c))
	}
	return fmt.Sprintf("byte 0x%02x", c)
}

// parseError is the error of Parse, ParseAccountID and CompilePattern.
type parseError struct {
	what  string // "parse", "parse account ID", "pattern"
	input string
	msg   string
}

func (e *parseError) Error() string {
	return "arn: " + e.what + " " + strconv.Quote(e.input) + ": " + e.msg
}

func (e *parseError) Unwrap() error { return ErrMalformed }

func parse(s string) (ARN, parseErr) {
	if !strings.HasPrefix(s, "arn:") {
		return ARN{}, parseErr{kind: errPrefix}
	}
	parts, ok := Split(s)
	if !ok {
		return ARN{}, parseErr{kind: errParts, parts: strings.Count(s, ":") + 1}
	}
	a := ARN{Partition: parts[1], Service: parts[2], Region: parts[3], AccountID: parts[4], Resource: parts[5]}
	off := len("arn:")
	if !knownPartition(a.Partition) {
		return ARN{}, parseErr{kind: errPartition, value: a.Partition, off: off}
	}
	off += len(a.Partition) + 1
	if a.Service == "" {
		return ARN{}, parseErr{kind: errEmpty, field: "service", off: off}
	}
	if i := badNameChar(a.Service); i >= 0 {
		return ARN{}, parseErr{kind: errChar, field: "service", value: a.Service, off: off + i}
	}
	off += len(a.Service) + 1
	if i := badNameChar(a.Region); i >= 0 {
		return ARN{}, parseErr{kind: errChar, field: "region", value: a.Region, off: off + i}
	}
	off += len(a.Region) + 1
	if a.AccountID != "" && a.AccountID != "aws" && !isAccountID(a.AccountID) {
		return ARN{}, parseErr{kind: errAccount, value: a.AccountID, off: off}
	}
	off += len(a.AccountID) + 1
	if a.Resource == "" {
		return ARN{}, parseErr{kind: errEmpty, field: "resource", off: off}
	}
	return a, parseErr{}
}

// badNameChar returns the index of the first byte of s that is not a
// lower-case ASCII letter, digit or '-', or -1.
func badNameChar(s string) int {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-') {
			return i
		}
	}
	return -1
}
