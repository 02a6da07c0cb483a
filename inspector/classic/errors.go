package classic

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/seed-e2e06c4d/awsaccess/authz"
)

// Sentinel errors for errors.Is, one per Inspector Classic exception. Every
// error the Service returns is an *Error that unwraps to one of them.
var (
	// ErrAccessDenied: AccessDeniedException. It is authz.ErrAccessDenied,
	// so that one errors.Is test covers denials by IAM and by Inspector's
	// own rules (a resource of another account).
	ErrAccessDenied = authz.ErrAccessDenied
	// ErrAgentsAlreadyRunningAssessment: AgentsAlreadyRunningAssessmentException,
	// an instance of the target is an agent of another run in progress.
	ErrAgentsAlreadyRunningAssessment = errors.New("agents already running an assessment")
	// ErrAssessmentRunInProgress: AssessmentRunInProgressException.
	ErrAssessmentRunInProgress = errors.New("assessment run in progress")
	// ErrInternal: InternalException, an id source or a dependency failed.
	ErrInternal = errors.New("internal error")
	// ErrInvalidCrossAccountRole: InvalidCrossAccountRoleException.
	ErrInvalidCrossAccountRole = errors.New("invalid cross-account role")
	// ErrInvalidInput: InvalidInputException, with one of the
	// InvalidInputErrorCode values.
	ErrInvalidInput = errors.New("invalid input")
	// ErrLimitExceeded: LimitExceededException, with one of the
	// LimitExceededErrorCode values.
	ErrLimitExceeded = errors.New("limit exceeded")
	// ErrNoSuchEntity: NoSuchEntityException, with one of the
	// NoSuchEntityErrorCode values.
	ErrNoSuchEntity = errors.New("no such entity")
	// ErrPreviewGenerationInProgress: PreviewGenerationInProgressException.
	ErrPreviewGenerationInProgress = errors.New("preview generation in progress")
	// ErrServiceTemporarilyUnavailable: ServiceTemporarilyUnavailableException.
	ErrServiceTemporarilyUnavailable = errors.New("service temporarily unavailable")
	// ErrUnsupportedFeature: UnsupportedFeatureException. The model also
	// returns it for a region where Inspector Classic is not offered.
	ErrUnsupportedFeature = errors.New("unsupported feature")
)

// Error is an Inspector Classic exception: the AWS error code (the shape
// name, "InvalidInputException"), the message, the errorCode member of the
// exceptions that have one (named ErrorCode_ as aws-sdk-go-v2 names it,
// since ErrorCode is the smithy method), canRetry, the members of
// AssessmentRunInProgressException and AgentsAlreadyRunningAssessmentException,
// and the HTTP status.
//
// The service model declares no HTTP status for its errors, so they take
// the JSON 1.1 protocol's: 400 for every client error, 500 for
// InternalException and 503 for ServiceTemporarilyUnavailableException.
//
// Error has the shape of smithy-go's APIError (ErrorCode, ErrorMessage) and
// gives the wire layer its modelled members through ErrorFields; it unwraps
// to one of the package's sentinel errors and, when a dependency caused
// it, to that dependency's error.
type Error struct {
	Code    string
	Message string
	// ErrorCode_ is the errorCode member: an AccessDeniedErrorCode,
	// InvalidInputErrorCode, LimitExceededErrorCode, NoSuchEntityErrorCode
	// or InvalidCrossAccountRoleErrorCode value; "" for the exceptions
	// without one.
	ErrorCode_ string
	CanRetry   bool
	Status     int

	// AssessmentRunArns (at most 10) and AssessmentRunArnsTruncated are set
	// on AssessmentRunInProgressException.
	AssessmentRunArns          []string
	AssessmentRunArnsTruncated bool
	// Agents (at most 10) and AgentsTruncated are set on
	// AgentsAlreadyRunningAssessmentException.
	Agents          []AgentAlreadyRunningAssessment
	AgentsTruncated bool

	// Err is the sentinel; Cause the dependency's error, if any.
	Err   error
	Cause error
}

// AgentAlreadyRunningAssessment names an agent (an instance id) that takes
// part in another assessment run in progress.
type AgentAlreadyRunningAssessment struct {
	AgentID          string `json:"agentId"`
	AssessmentRunArn string `json:"assessmentRunArn"`
}

func (e *Error) Error() string {
	if e.ErrorCode_ != "" {
		return fmt.Sprintf("%s: %s (%s)", e.Code, e.Message, e.ErrorCode_)
	}
	return fmt.Sprintf("%s: %s", e.Code, e.Message)
}

// Unwrap returns the sentinel and, if set, the cause.
func (e *Error) Unwrap() []error {
	if e.Cause != nil {
		return []error{e.Err, e.Cause}
	}
	return []error{e.Err}
}

// ErrorCode returns the AWS error code ("NoSuchEntityException").
func (e *Error) ErrorCode() string { return e.Code }

// ErrorMessage returns the message.
func (e *Error) ErrorMessage() string { return e.Message }

// HTTPStatusCode returns the HTTP status.
func (e *Error) HTTPStatusCode() int { return e.Status }

// ErrorFields returns the modelled members besides the message, keyed by
// wire name: errorCode (when the exception has one), canRetry, and the
// run or agent lists of the exceptions that carry them.
func (e *Error) ErrorFields() map[string]any {
	f := map[string]any{"canRetry": e.CanRetry}
	if e.ErrorCode_ != "" {
		f["errorCode"] = e.ErrorCode_
	}
	switch e.Code {
	case "AssessmentRunInProgressException":
		f["assessmentRunArns"] = e.AssessmentRunArns
		f["assessmentRunArnsTruncated"] = e.AssessmentRunArnsTruncated
	case "AgentsAlreadyRunningAssessmentException":
		f["agents"] = e.Agents
		f["agentsTruncated"] = e.AgentsTruncated
	case "PreviewGenerationInProgressException":
		delete(f, "canRetry") // the shape has only a message
	}
	return f
}

func clientError(code string, sentinel error, errorCode, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...), ErrorCode_: errorCode, Status: http.StatusBadRequest, Err: sentinel}
}

func errInvalid(c InvalidInputErrorCode, format string, args ...any) *Error {
	return clientError("InvalidInputException", ErrInvalidInput, string(c), format, args...)
}

func errNoSuch(c NoSuchEntityErrorCode, format string, args ...any) *Error {
	return clientError("NoSuchEntityException", ErrNoSuchEntity, string(c), format, args...)
}

func errDenied(c AccessDeniedErrorCode, format string, args ...any) *Error {
	return clientError("AccessDeniedException", ErrAccessDenied, string(c), format, args...)
}

func errLimit(c LimitExceededErrorCode, format string, args ...any) *Error {
	return clientError("LimitExceededException", ErrLimitExceeded, string(c), format, args...)
}

func errUnsupported(format string, args ...any) *Error {
	return clientError("UnsupportedFeatureException", ErrUnsupportedFeature, "", format, args...)
}

func errPreviewInProgress(format string, args ...any) *Error {
	return clientError("PreviewGenerationInProgressException", ErrPreviewGenerationInProgress, "", format, args...)
}

func errInvalidRole(c InvalidCrossAccountRoleErrorCode, format string, args ...any) *Error {
	return clientError("InvalidCrossAccountRoleException", ErrInvalidCrossAccountRole, string(c), format, args...)
}

// errRunsInProgress lists at most 10 of the runs in progress.
func errRunsInProgress(arns []string, format string, args ...any) *Error {
	e := clientError("AssessmentRunInProgressException", ErrAssessmentRunInProgress, "", format, args...)
	e.AssessmentRunArns = arns
	if len(arns) > 10 {
		e.AssessmentRunArns, e.AssessmentRunArnsTruncated = arns[:10:10], true
	}
	return e
}

// errAgentsRunning lists at most 10 of the busy agents.
func errAgentsRunning(agents []AgentAlreadyRunningAssessment) *Error {
	e := clientError("AgentsAlreadyRunningAssessmentException", ErrAgentsAlreadyRunningAssessment, "",
		"%d of the agents of the assessment target already take part in an assessment run in progress", len(agents))
	e.Agents = agents
	if len(agents) > 10 {
		e.Agents, e.AgentsTruncated = agents[:10:10], true
	}
	return e
}

func errInternal(cause error, format string, args ...any) *Error {
	return &Error{Code: "InternalException", Message: fmt.Sprintf(format, args...), CanRetry: true,
		Status: http.StatusInternalServerError, Err: ErrInternal, Cause: cause}
}

func errUnavailable(cause error, format string, args ...any) *Error {
	return &Error{Code: "ServiceTemporarilyUnavailableException", Message: fmt.Sprintf(format, args...), CanRetry: true,
		Status: http.StatusServiceUnavailable, Err: ErrServiceTemporarilyUnavailable, Cause: cause}
}
