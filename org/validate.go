package org

import (
	"strings"
	"unicode/utf8"

	arnpkg "github.com/seed-e2e06c4d/awsaccess/arn"
)

// Input validation with the patterns and lengths of the service model.

func required(s string) *Error {
	if s == "" {
		return errInvalid(InvalidInputExceptionReasonInputRequired)
	}
	return nil
}

func lowerAlnum(s string, lo, hi int) bool {
	if len(s) < lo || len(s) > hi {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9') {
			return false
		}
	}
	return true
}

// isAccountID reports whether s is 12 ASCII digits, by arn's rule.
func isAccountID(s string) bool {
	_, err := arnpkg.ParseAccountID(s)
	return err == nil
}

func isRootID(s string) bool {
	rest, ok := strings.CutPrefix(s, "r-")
	return ok && lowerAlnum(rest, 4, 32)
}

func isOUID(s string) bool {
	rest, ok := strings.CutPrefix(s, "ou-")
	if !ok {
		return false
	}
	root, suffix, ok := strings.Cut(rest, "-")
	return ok && lowerAlnum(root, 4, 32) && lowerAlnum(suffix, 8, 32)
}

func isPolicyID(s string) bool {
	rest, ok := strings.CutPrefix(s, "p-")
	if !ok || len(rest) < 8 || len(rest) > 128 {
		return false
	}
	for i := 0; i < len(rest); i++ {
		c := rest[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}

func validID(s string, ok func(string) bool) *Error {
	if err := required(s); err != nil {
		return err
	}
	if !ok(s) {
		return errInvalid(InvalidInputExceptionReasonInvalidPattern)
	}
	return nil
}

func validAccountID(s string) *Error { return validID(s, isAccountID) }
func validOUID(s string) *Error      { return validID(s, isOUID) }
func validRootID(s string) *Error    { return validID(s, isRootID) }
func validPolicyID(s string) *Error  { return validID(s, isPolicyID) }

func validParentID(s string) *Error {
	return validID(s, func(s string) bool { return isRootID(s) || isOUID(s) })
}

func validChildID(s string) *Error {
	return validID(s, func(s string) bool { return isAccountID(s) || isOUID(s) })
}

func validTargetID(s string) *Error {
	if err := required(s); err != nil {
		return err
	}
	if !isRootID(s) && !isOUID(s) && !isAccountID(s) {
		return errInvalid(InvalidInputExceptionReasonInvalidPatternTargetId)
	}
	return nil
}

func validHandshakeID(s string) *Error {
	return validID(s, func(s string) bool {
		rest, ok := strings.CutPrefix(s, "h-")
		return ok && lowerAlnum(rest, 8, 32)
	})
}

func validCreateAccountRequestID(s string) *Error {
	return validID(s, func(s string) bool {
		rest, ok := strings.CutPrefix(s, "car-")
		return ok && lowerAlnum(rest, 8, 32)
	})
}

// validLength checks a string's length in characters.
func validLength(s string, lo, hi int) *Error {
	n := utf8.RuneCountInString(s)
	switch {
	case n == 0 && lo > 0:
		return errInvalid(InvalidInputExceptionReasonInputRequired)
	case n < lo:
		return errInvalid(InvalidInputExceptionReasonMinLengthExceeded)
	case hi > 0 && n > hi:
		return errInvalid(InvalidInputExceptionReasonMaxLengthExceeded)
	}
	return nil
}

// validEmail checks the model's Email shape: 6 to 64 characters matching
// [^\s@]+@[^\s@]+\.[^\s@]+.
func validEmail(s string) *Error {
	if err := validLength(s, 6, 64); err != nil {
		return err
	}
	if !isEmail(s) {
		return errInvalid(InvalidInputExceptionReasonInvalidPattern)
	}
	return nil
}

func isEmail(s string) bool {
	if strings.ContainsFunc(s, isSpace) {
		return false
	}
	local, domain, ok := strings.Cut(s, "@")
	if !ok || local == "" || strings.Contains(domain, "@") {
		return false
	}
	// [^\s@]+\.[^\s@]+: a dot with text on both sides.
	return len(domain) >= 3 && strings.Contains(domain[1:len(domain)-1], ".")
}

func isSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\r', '\f', '\v':
		return true
	}
	return false
}

// validAccountName checks CreateAccountName: 1 to 50 characters from
// U+0020 to U+007E.
func validAccountName(s string) *Error {
	if err := validLength(s, 1, 50); err != nil {
		return err
	}
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] > 0x7e {
			return errInvalid(InvalidInputExceptionReasonInvalidPattern)
		}
	}
	return nil
}

// validRoleName checks RoleName: [\w+=,.@-]{1,64}, and not a
// service-linked role name.
func validRoleName(s string) *Error {
	if err := validLength(s, 1, 64); err != nil {
		return err
	}
	if !nameChars(s) {
		return errInvalid(InvalidInputExceptionReasonInvalidPattern)
	}
	if strings.HasPrefix(s, "AWSServiceRoleFor") {
		return errInvalid(InvalidInputExceptionReasonInvalidRoleName)
	}
	return nil
}

// nameChars reports whether s holds only [\w+=,.@-].
func nameChars(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("_+=,.@-", c) >= 0) {
			return false
		}
	}
	return true
}

// validServicePrincipal checks ServicePrincipal: 1 to 128 of [\w+=,.@-].
func validServicePrincipal(s string) *Error {
	if err := validLength(s, 1, 128); err != nil {
		return err
	}
	if !nameChars(s) {
		return errInvalid(InvalidInputExceptionReasonInvalidPattern)
	}
	return nil
}

// validPolicyType checks a policy type and that this package models it.
func validPolicyType(t PolicyType) *Error {
	if t == "" {
		return errInvalid(InvalidInputExceptionReasonInputRequired)
	}
	if _, ok := typeIndex(t); ok {
		return nil
	}
	for _, v := range t.Values() {
		if v == t {
			return errUnsupportedPolicyType(t)
		}
	}
	return errInvalid(InvalidInputExceptionReasonInvalidEnumPolicyType)
}

func validEnum[T ~string](v T, values []T) *Error {
	for _, x := range values {
		if x == v {
			return nil
		}
	}
	return errInvalid(InvalidInputExceptionReasonInvalidEnum)
}
