package authz

import (
	"errors"
	"fmt"
	"net/http"
)

// Sentinel errors for errors.Is. Errors returned by this package wrap one
// of them inside an *Error that carries AWS's code and message.
var (
	// ErrMalformedPolicy: the document is not a valid policy of its kind.
	ErrMalformedPolicy = errors.New("malformed policy document")
	// ErrPolicyTooLarge: the document exceeds the size quota of its kind.
	ErrPolicyTooLarge = errors.New("policy document too large")
	// ErrAccessDenied: an evaluation did not allow the request.
	ErrAccessDenied = errors.New("access denied")
)

// Error is an error with the AWS error code, message and HTTP status a
// service returns for it; it has the shape of smithy-go's APIError so the
// wire layer renders it unchanged. It unwraps to one of the package's
// sentinel errors.
type Error struct {
	Code    string // e.g. "MalformedPolicyDocument"
	Message string // AWS's message, e.g. "Syntax errors in policy."
	Status  int    // HTTP status, e.g. 400
	Err     error  // the sentinel
}

func (e *Error) Error() string { return fmt.Sprintf("%s: %s", e.Code, e.Message) }

// Unwrap returns the sentinel error.
func (e *Error) Unwrap() error { return e.Err }

// ErrorCode returns the AWS error code.
func (e *Error) ErrorCode() string { return e.Code }

// ErrorMessage returns the AWS error message.
func (e *Error) ErrorMessage() string { return e.Message }

// HTTPStatusCode returns the HTTP status AWS answers with.
func (e *Error) HTTPStatusCode() int { return e.Status }

func malformed(format string, args ...any) error {
	return &Error{Code: "MalformedPolicyDocument", Message: fmt.Sprintf(format, args...), Status: http.StatusBadRequest, Err: ErrMalformedPolicy}
}

func tooLarge(limit int) error {
	return &Error{Code: "LimitExceeded", Message: fmt.Sprintf("Cannot exceed quota for PolicySize: %d", limit), Status: http.StatusConflict, Err: ErrPolicyTooLarge}
}
