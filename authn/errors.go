package authn

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/seed-e2e06c4d/awsaccess/authn/sigv4"
	"github.com/seed-e2e06c4d/awsaccess/authz"
)

// Sentinel errors for errors.Is. Every error this package returns is an
// *Error that carries IAM's or STS's code, message and HTTP status and
// unwraps to one of them.
var (
	// ErrNoSuchEntity (IAM NoSuchEntity, 404): the named entity does not exist.
	ErrNoSuchEntity = errors.New("authn: no such entity")
	// ErrEntityAlreadyExists (IAM EntityAlreadyExists, 409).
	ErrEntityAlreadyExists = errors.New("authn: entity already exists")
	// ErrLimitExceeded (IAM LimitExceeded, 409): an IAM quota.
	ErrLimitExceeded = errors.New("authn: limit exceeded")
	// ErrDeleteConflict (IAM DeleteConflict, 409): the entity still has
	// subordinate entities.
	ErrDeleteConflict = errors.New("authn: delete conflict")
	// ErrUnmodifiableEntity (IAM UnmodifiableEntity, 400): a service-linked
	// role, which only its service may change.
	ErrUnmodifiableEntity = errors.New("authn: unmodifiable entity")
	// ErrMalformedPolicyDocument (MalformedPolicyDocument, 400) is authz's
	// sentinel, so errors.Is works across both packages.
	ErrMalformedPolicyDocument = authz.ErrMalformedPolicy
	// ErrInvalidInput (IAM InvalidInput, 400).
	ErrInvalidInput = errors.New("authn: invalid input")
	// ErrPasswordPolicyViolation (IAM PasswordPolicyViolation, 400).
	ErrPasswordPolicyViolation = errors.New("authn: password policy violation")
	// ErrInvalidUserType (IAM InvalidUserType, 400): an operation only an
	// IAM user may call (ChangePassword) called by another principal.
	ErrInvalidUserType = errors.New("authn: invalid user type")
	// ErrValidation (ValidationError, 400): a parameter breaks the API's
	// model constraints (length, pattern, range).
	ErrValidation = errors.New("authn: validation error")
	// ErrInvalidAuthenticationCode (IAM InvalidAuthenticationCode, 403): MFA
	// codes that do not match the device when enabling it.
	ErrInvalidAuthenticationCode = errors.New("authn: invalid authentication code")
	// ErrPolicyNotAttachable (IAM PolicyNotAttachable, 400): a service-role
	// policy attached to anything but its service-linked role.
	ErrPolicyNotAttachable = errors.New("authn: policy not attachable")
	// ErrAccessDenied (AccessDenied, 403) is authz's sentinel.
	ErrAccessDenied = authz.ErrAccessDenied
	// ErrExpiredToken (STS ExpiredToken / ExpiredTokenException, 400): an
	// expired session, or an expired web identity token or SAML assertion.
	// It wraps sigv4.ErrExpiredToken.
	ErrExpiredToken = fmt.Errorf("authn: %w", sigv4.ErrExpiredToken)
	// ErrInvalidClientTokenID (InvalidClientTokenId, 403): an unknown,
	// deleted or inactive access key. It wraps sigv4.ErrInvalidAccessKeyID,
	// which is what a sigv4.KeyResolver reports for unknown keys.
	ErrInvalidClientTokenID = fmt.Errorf("authn: %w", sigv4.ErrInvalidAccessKeyID)
	// ErrInvalidIdentityToken (STS InvalidIdentityToken, 400): a web
	// identity token or SAML assertion that cannot be validated.
	ErrInvalidIdentityToken = errors.New("authn: invalid identity token")
	// ErrIDPRejectedClaim (STS IDPRejectedClaim, 403).
	ErrIDPRejectedClaim = errors.New("authn: identity provider rejected claim")
	// ErrPackedPolicyTooLarge (STS PackedPolicyTooLarge, 400).
	ErrPackedPolicyTooLarge = errors.New("authn: packed policy too large")
	// ErrRegionDisabled (STS RegionDisabledException, 403).
	ErrRegionDisabled = errors.New("authn: region disabled")
	// ErrServiceFailure (ServiceFailure, 500): the configured random source
	// failed.
	ErrServiceFailure = errors.New("authn: service failure")
)

// Error is an IAM or STS error: the AWS error code, message and HTTP
// status, in the shape of smithy-go's APIError (like authz.Error) so that
// a wire layer renders it unchanged. It unwraps to one of the package's
// sentinel errors.
type Error struct {
	Code    string // e.g. "NoSuchEntity"
	Message string // e.g. "The user with name bob cannot be found."
	Status  int    // e.g. 404
	Err     error  // the sentinel
}

func (e *Error) Error() string { return e.Code + ": " + e.Message }

// Unwrap returns the sentinel error.
func (e *Error) Unwrap() error { return e.Err }

// ErrorCode returns the AWS error code.
func (e *Error) ErrorCode() string { return e.Code }

// ErrorMessage returns the AWS error message.
func (e *Error) ErrorMessage() string { return e.Message }

// HTTPStatusCode returns the HTTP status AWS answers with.
func (e *Error) HTTPStatusCode() int { return e.Status }

func newErr(sentinel error, code string, status int, format string, args ...any) *Error {
	msg := format
	if len(args) > 0 {
		msg = fmt.Sprintf(format, args...)
	}
	return &Error{Code: code, Message: msg, Status: status, Err: sentinel}
}

func errNoSuchEntity(format string, args ...any) error {
	return newErr(ErrNoSuchEntity, "NoSuchEntity", http.StatusNotFound, format, args...)
}

func errAlreadyExists(format string, args ...any) error {
	return newErr(ErrEntityAlreadyExists, "EntityAlreadyExists", http.StatusConflict, format, args...)
}

func errLimit(quota string, n int) error {
	return newErr(ErrLimitExceeded, "LimitExceeded", http.StatusConflict, "Cannot exceed quota for %s: %d", quota, n)
}

func errLimitMsg(format string, args ...any) error {
	return newErr(ErrLimitExceeded, "LimitExceeded", http.StatusConflict, format, args...)
}

func errDeleteConflict(format string, args ...any) error {
	return newErr(ErrDeleteConflict, "DeleteConflict", http.StatusConflict, format, args...)
}

func errUnmodifiable(roleName string) error {
	return newErr(ErrUnmodifiableEntity, "UnmodifiableEntity", http.StatusBadRequest,
		"Cannot perform the operation on the protected role '%s' - this role is only modifiable by AWS", roleName)
}

func errInvalidInput(format string, args ...any) error {
	return newErr(ErrInvalidInput, "InvalidInput", http.StatusBadRequest, format, args...)
}

func errPassword(format string, args ...any) error {
	return newErr(ErrPasswordPolicyViolation, "PasswordPolicyViolation", http.StatusBadRequest, format, args...)
}

func errInvalidUserType(format string, args ...any) error {
	return newErr(ErrInvalidUserType, "InvalidUserType", http.StatusBadRequest, format, args...)
}

func errAuthCode(format string, args ...any) error {
	return newErr(ErrInvalidAuthenticationCode, "InvalidAuthenticationCode", http.StatusForbidden, format, args...)
}

func errNotAttachable(format string, args ...any) error {
	return newErr(ErrPolicyNotAttachable, "PolicyNotAttachable", http.StatusBadRequest, format, args...)
}

func errAccessDenied(format string, args ...any) error {
	return newErr(ErrAccessDenied, "AccessDenied", http.StatusForbidden, format, args...)
}

func errExpiredToken() error {
	return newErr(ErrExpiredToken, "ExpiredToken", http.StatusBadRequest, "The security token included in the request is expired")
}

func errExpiredTokenException(format string, args ...any) error {
	return newErr(ErrExpiredToken, "ExpiredTokenException", http.StatusBadRequest, format, args...)
}

func errInvalidClientToken() error {
	return newErr(ErrInvalidClientTokenID, "InvalidClientTokenId", http.StatusForbidden, "The security token included in the request is invalid.")
}

func errInvalidIdentityToken(format string, args ...any) error {
	return newErr(ErrInvalidIdentityToken, "InvalidIdentityToken", http.StatusBadRequest, format, args...)
}

func errIDPRejected(format string, args ...any) error {
	return newErr(ErrIDPRejectedClaim, "IDPRejectedClaim", http.StatusForbidden, format, args...)
}

func errPackedTooLarge(percent int) error {
	return newErr(ErrPackedPolicyTooLarge, "PackedPolicyTooLarge", http.StatusBadRequest,
		"Packed policy consumes %d%% of allotted space, please use smaller policy.", percent)
}

func errRegionDisabled(account string) error {
	return newErr(ErrRegionDisabled, "RegionDisabledException", http.StatusForbidden,
		"STS is not activated in this region for account:%s. Your account administrator can activate STS in this region using the IAM Console.", account)
}

func errServiceFailure(err error) error {
	return newErr(ErrServiceFailure, "ServiceFailure", http.StatusInternalServerError, "Request processing has failed due to an unknown error: %v", err)
}

// errValidation renders a model-constraint violation as AWS's validators
// word it.
func errValidation(value, field, constraint string) error {
	return newErr(ErrValidation, "ValidationError", http.StatusBadRequest,
		"1 validation error detected: Value '%s' at '%s' failed to satisfy constraint: Member must %s", value, field, constraint)
}

func errValidationMsg(format string, args ...any) error {
	return newErr(ErrValidation, "ValidationError", http.StatusBadRequest, format, args...)
}

// errMalformed converts an authz parse error into this package's error
// type, keeping AWS's code and message.
func errMalformed(err error) error {
	var ae *authz.Error
	if errors.As(err, &ae) {
		sentinel := ae.Err
		if sentinel == nil {
			sentinel = ErrMalformedPolicyDocument
		}
		return &Error{Code: ae.Code, Message: ae.Message, Status: ae.Status, Err: sentinel}
	}
	return newErr(ErrMalformedPolicyDocument, "MalformedPolicyDocument", http.StatusBadRequest, "%v", err)
}
