package inspector

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/seed-e2e06c4d/awsaccess/authz"
)

// Sentinel errors for errors.Is, one per inspector2 exception. Every error
// the Service returns is an *Error that unwraps to one of them.
var (
	// ErrAccessDenied: AccessDeniedException (403). IAM denied the request,
	// Inspector's own rules forbid it (a member managing suppression rules,
	// a caller who is not the management account delegating), or the
	// region is not supported.
	ErrAccessDenied = errors.New("access denied")
	// ErrValidation: ValidationException (400), with a reason and fields.
	ErrValidation = errors.New("validation failed")
	// ErrConflict: ConflictException (409).
	ErrConflict = errors.New("conflict")
	// ErrResourceNotFound: ResourceNotFoundException (404).
	ErrResourceNotFound = errors.New("resource not found")
	// ErrServiceQuotaExceeded: ServiceQuotaExceededException (402).
	ErrServiceQuotaExceeded = errors.New("service quota exceeded")
	// ErrBadRequest: BadRequestException (400), invalid tags on CreateFilter.
	ErrBadRequest = errors.New("bad request")
	// ErrThrottling: ThrottlingException (429), passed on from a dependency
	// that throttled (Organizations' TooManyRequestsException).
	ErrThrottling = errors.New("throttled")
	// ErrInternalServer: InternalServerException (500), an id source or a
	// dependency that failed.
	ErrInternalServer = errors.New("internal server error")
)

// ValidationExceptionReason is why a request failed validation.
type ValidationExceptionReason string

// Validation reasons.
const (
	ValidationCannotParse           ValidationExceptionReason = "CANNOT_PARSE"
	ValidationFieldValidationFailed ValidationExceptionReason = "FIELD_VALIDATION_FAILED"
	ValidationOther                 ValidationExceptionReason = "OTHER"
)

// Values lists every ValidationExceptionReason.
func (ValidationExceptionReason) Values() []ValidationExceptionReason {
	return []ValidationExceptionReason{ValidationCannotParse, ValidationFieldValidationFailed, ValidationOther}
}

// ValidationExceptionField names one field that failed validation.
type ValidationExceptionField struct {
	Name    string `json:"name"`
	Message string `json:"message"`
}

// Error is an inspector2 exception: the AWS error code, message and HTTP
// status, with the members each exception shape carries on the wire. It has
// the shape of smithy-go's APIError (ErrorCode, ErrorMessage) so the wire
// layer renders it unchanged, and unwraps to one of the package's sentinel
// errors and, when a dependency caused it, to that dependency's error.
type Error struct {
	Code    string // "AccessDeniedException", "ValidationException", ...
	Message string
	Status  int // HTTP status: 403, 400, 409, 404, 402, 429, 500

	// Reason and Fields are set on ValidationException.
	Reason ValidationExceptionReason
	Fields []ValidationExceptionField
	// ResourceID is set on ConflictException and
	// ServiceQuotaExceededException; ResourceType on ConflictException.
	ResourceID   string
	ResourceType string
	// RetryAfterSeconds is set on ThrottlingException and
	// InternalServerException when known.
	RetryAfterSeconds int

	// Err is the sentinel; Cause the dependency's error, if any.
	Err   error
	Cause error
}

func (e *Error) Error() string { return fmt.Sprintf("%s: %s", e.Code, e.Message) }

// Unwrap returns the sentinel and, if set, the cause.
func (e *Error) Unwrap() []error {
	if e.Cause != nil {
		return []error{e.Err, e.Cause}
	}
	return []error{e.Err}
}

// ErrorCode returns the AWS error code.
func (e *Error) ErrorCode() string { return e.Code }

// ErrorMessage returns the AWS error message.
func (e *Error) ErrorMessage() string { return e.Message }

// HTTPStatusCode returns the HTTP status AWS answers with.
func (e *Error) HTTPStatusCode() int { return e.Status }

func accessDenied(format string, args ...any) *Error {
	return &Error{Code: "AccessDeniedException", Message: fmt.Sprintf(format, args...), Status: http.StatusForbidden, Err: ErrAccessDenied}
}

func conflict(resourceID, resourceType, format string, args ...any) *Error {
	return &Error{Code: "ConflictException", Message: fmt.Sprintf(format, args...), Status: http.StatusConflict,
		ResourceID: resourceID, ResourceType: resourceType, Err: ErrConflict}
}

func notFound(format string, args ...any) *Error {
	return &Error{Code: "ResourceNotFoundException", Message: fmt.Sprintf(format, args...), Status: http.StatusNotFound, Err: ErrResourceNotFound}
}

func quotaExceeded(resourceID, format string, args ...any) *Error {
	return &Error{Code: "ServiceQuotaExceededException", Message: fmt.Sprintf(format, args...), Status: http.StatusPaymentRequired,
		ResourceID: resourceID, Err: ErrServiceQuotaExceeded}
}

func badRequest(format string, args ...any) *Error {
	return &Error{Code: "BadRequestException", Message: fmt.Sprintf(format, args...), Status: http.StatusBadRequest, Err: ErrBadRequest}
}

func internalError(cause error, format string, args ...any) *Error {
	return &Error{Code: "InternalServerException", Message: fmt.Sprintf(format, args...), Status: http.StatusInternalServerError,
		Err: ErrInternalServer, Cause: cause}
}

// validationOther is a ValidationException for a rule that is not about
// one field's shape (reason OTHER).
func validationOther(format string, args ...any) *Error {
	return &Error{Code: "ValidationException", Message: fmt.Sprintf(format, args...), Status: http.StatusBadRequest,
		Reason: ValidationOther, Err: ErrValidation}
}

// fieldErrors collects model-validation failures and renders them the way
// AWS's request validation does: "1 validation error detected: Value '200'
// at 'maxResults' failed to satisfy constraint: Member must have value less
// than or equal to 100".
type fieldErrors struct {
	fields []ValidationExceptionField
}

func (v *fieldErrors) add(name, format string, args ...any) {
	v.fields = append(v.fields, ValidationExceptionField{Name: name, Message: fmt.Sprintf(format, args...)})
}

func (v *fieldErrors) err() error {
	if len(v.fields) == 0 {
		return nil
	}
	var b strings.Builder
	if len(v.fields) == 1 {
		b.WriteString("1 validation error detected: ")
	} else {
		fmt.Fprintf(&b, "%d validation errors detected: ", len(v.fields))
	}
	for i, f := range v.fields {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(f.Message)
	}
	return &Error{Code: "ValidationException", Message: b.String(), Status: http.StatusBadRequest,
		Reason: ValidationFieldValidationFailed, Fields: v.fields, Err: ErrValidation}
}

// Constraint messages in AWS's wording.
func (v *fieldErrors) required(name string) {
	v.add(name, "Value null at '%s' failed to satisfy constraint: Member must not be null", name)
}

func (v *fieldErrors) enum(name, value string, allowed []string) {
	v.add(name, "Value '%s' at '%s' failed to satisfy constraint: Member must satisfy enum value set: [%s]", value, name, strings.Join(allowed, ", "))
}

func (v *fieldErrors) length(name, value string, lo, hi int) {
	n := len(value)
	switch {
	case n < lo:
		v.add(name, "Value '%s' at '%s' failed to satisfy constraint: Member must have length greater than or equal to %d", value, name, lo)
	case hi > 0 && n > hi:
		v.add(name, "Value '%s' at '%s' failed to satisfy constraint: Member must have length less than or equal to %d", truncate(value, 64), name, hi)
	}
}

func (v *fieldErrors) listLength(name string, n, lo, hi int) {
	switch {
	case n < lo:
		v.add(name, "Value at '%s' failed to satisfy constraint: Member must have length greater than or equal to %d", name, lo)
	case n > hi:
		v.add(name, "Value at '%s' failed to satisfy constraint: Member must have length less than or equal to %d", name, hi)
	}
}

func (v *fieldErrors) rangeInt(name string, value, lo, hi int) {
	switch {
	case value < lo:
		v.add(name, "Value '%d' at '%s' failed to satisfy constraint: Member must have value greater than or equal to %d", value, name, lo)
	case value > hi:
		v.add(name, "Value '%d' at '%s' failed to satisfy constraint: Member must have value less than or equal to %d", value, name, hi)
	}
}

func (v *fieldErrors) accountID(name, value string) {
	if !isAccountID(value) {
		v.add(name, "Value '%s' at '%s' failed to satisfy constraint: Member must satisfy regular expression pattern: \\d{12}", truncate(value, 64), name)
	}
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "..."
}

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

// errorCoder is what dependency errors (org, authn, authz) look like.
type errorCoder interface {
	ErrorCode() string
	ErrorMessage() string
}

// fromDependency turns an error from the Authorizer, Organizations or
// Identities into an inspector2 exception with the dependency's message,
// keeping the original as the cause.
func fromDependency(err error) error {
	if err == nil {
		return nil
	}
	var ours *Error
	if errors.As(err, &ours) {
		return err
	}
	msg := err.Error()
	code := ""
	var ec errorCoder
	if errors.As(err, &ec) {
		code, msg = ec.ErrorCode(), ec.ErrorMessage()
	}
	e := &Error{Message: msg, Cause: err}
	switch {
	case errors.Is(err, authz.ErrAccessDenied) || strings.Contains(code, "AccessDenied"):
		e.Code, e.Status, e.Err = "AccessDeniedException", http.StatusForbidden, ErrAccessDenied
	case code == "TooManyRequestsException" || strings.Contains(code, "Throttl"):
		e.Code, e.Status, e.Err = "ThrottlingException", http.StatusTooManyRequests, ErrThrottling
	case code == "ConcurrentModificationException":
		e.Code, e.Status, e.Err = "ConflictException", http.StatusConflict, ErrConflict
		e.ResourceID, e.ResourceType = ServicePrincipal, "Organization"
	case code == "" || code == "ServiceException" || strings.HasPrefix(code, "Internal"):
		e.Code, e.Status, e.Err = "InternalServerException", http.StatusInternalServerError, ErrInternalServer
	default:
		e.Code, e.Status, e.Err = "ValidationException", http.StatusBadRequest, ErrValidation
		e.Reason = ValidationOther
	}
	return e
}
