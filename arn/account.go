package arn

// An AccountID is an AWS account ID: exactly 12 ASCII digits, leading zeros
// included ("000000000000" is well-formed).
type AccountID string

// ParseAccountID checks that s is exactly 12 ASCII digits. The error wraps
// ErrMalformed.
func ParseAccountID(s string) (AccountID, error) {
	if !isAccountID(s) {
		return "", &parseError{what: "parse account ID", input: s, msg: "want exactly 12 ASCII digits"}
	}
	return AccountID(s), nil
}

// String returns the account ID.
func (id AccountID) String() string { return string(id) }

func isAccountID(s string) bool {
	if len(s) != 12 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
