package wire

import (
	"net/http"
	"strconv"
	"strings"
)

// APIError is what [Service.EncodeError] renders: the AWS error code (the wire
// code, "NoSuchEntity" for iam, "AccessDeniedException" for organizations) and
// message. Implementations may add [HTTPStatusCoder] and [ErrorFielder].
type APIError interface {
	ErrorCode() string
	ErrorMessage() string
}

// HTTPStatusCoder is implemented by errors that know their HTTP status. The
// model's status for a modelled error wins over it.
type HTTPStatusCoder interface {
	HTTPStatusCode() int
}

// ErrorFielder is implemented by errors that carry modelled members besides
// the message, keyed by wire name: organizations' "Reason", inspector2's
// "reason" and "fields", Inspector Classic's "errorCode" and "canRetry".
type ErrorFielder interface {
	ErrorFields() map[string]any
}

// Error is the wire layer's own error: a protocol error from a decoder
// (unknown operation, malformed body, validation) ready for
// [Service.EncodeError]. It implements [APIError], [HTTPStatusCoder] and
// [ErrorFielder].
type Error struct {
	Code    string
	Message string
	Status  int
	Fields  map[string]any // extra members by wire name; nil when none
}

func (e *Error) Error() string { return e.Code + ": " + e.Message }

// ErrorCode returns the AWS error code.
func (e *Error) ErrorCode() string { return e.Code }

// ErrorMessage returns the message.
func (e *Error) ErrorMessage() string { return e.Message }

// HTTPStatusCode returns the HTTP status.
func (e *Error) HTTPStatusCode() int { return e.Status }

// ErrorFields returns the extra modelled members.
func (e *Error) ErrorFields() map[string]any { return e.Fields }

// Protocol-level errors, per protocol.

func (s *Service) errUnknownOperation(name, version string) *Error {
	switch s.Protocol {
	case ProtocolQuery:
		return &Error{Code: "InvalidAction", Status: http.StatusBadRequest,
			Message: "Could not find operation " + name + " for version " + version}
	case ProtocolRESTJSON:
		return &Error{Code: "UnknownOperationException", Status: http.StatusNotFound,
			Message: "Unknown operation " + name}
	default:
		return &Error{Code: "UnknownOperationException", Status: http.StatusBadRequest,
			Message: "Unknown operation " + name}
	}
}

func (s *Service) errMalformed(msg string) *Error {
	if s.Protocol == ProtocolQuery {
		return &Error{Code: "MalformedQueryString", Status: http.StatusNotFound, Message: msg}
	}
	return &Error{Code: "SerializationException", Status: http.StatusBadRequest, Message: msg}
}

// validationStyle selects how a service reports constraint violations: the
// "small table" of per-service validation errors.
type validationStyle int

const (
	// ValidationError 400 with the Coral message ("1 validation error
	// detected: Value 'x' at 'userName' failed to satisfy constraint: ...").
	styleQuery validationStyle = iota
	// organizations: InvalidInputException {Message, Reason}, first violation.
	styleOrganizations
	// inspector2: ValidationException {message, reason: FIELD_VALIDATION_FAILED,
	// fields: [{name, message}]}.
	styleInspector2
	// Inspector Classic: InvalidInputException {message, errorCode, canRetry}.
	styleInspector
	// any other json service: Coral's ValidationException {message}.
	styleCoral
)

func validationStyleFor(name string, p Protocol) validationStyle {
	switch name {
	case "organizations":
		return styleOrganizations
	case "inspector2":
		return styleInspector2
	case "inspector":
		return styleInspector
	}
	if p == ProtocolQuery {
		return styleQuery
	}
	return styleCoral
}

// violationKind names a constraint a value failed.
type violationKind int

const (
	vRequired violationKind = iota
	vMinLength
	vMaxLength
	vMinValue
	vMaxValue
	vPattern
	vEnum
	vUnion
)

// violation is one failed constraint at a member path ("tags.1.member.key").
type violation struct {
	kind  violationKind
	path  string
	value any // the offending value; nil for a missing member
	shape *Shape
	leaf  string // the member name the violation is about, as in the model
}

// constraint is the text after "failed to satisfy constraint: ".
func (v violation) constraint() string {
	sh := v.shape
	switch v.kind {
	case vRequired:
		return "Member must not be null"
	case vMinLength:
		return "Member must have length greater than or equal to " + fmtNum(*sh.Min)
	case vMaxLength:
		return "Member must have length less than or equal to " + fmtNum(*sh.Max)
	case vMinValue:
		return "Member must have value greater than or equal to " + fmtNum(*sh.Min)
	case vMaxValue:
		return "Member must have value less than or equal to " + fmtNum(*sh.Max)
	case vPattern:
		return "Member must satisfy regular expression pattern: " + sh.Pattern
	case vEnum:
		return "Member must satisfy enum value set: [" + strings.Join(sh.Enum, ", ") + "]"
	default:
		return "Member must have exactly one member set"
	}
}

// message renders one violation as AWS (Coral) does.
func (v violation) message() string {
	var b strings.Builder
	b.WriteString("Value ")
	switch {
	case v.value == nil:
		b.WriteString("null ")
	case v.shape != nil && v.shape.Sensitive:
		// AWS never echoes sensitive values.
	default:
		b.WriteByte('\'')
		b.WriteString(renderValue(v.value))
		b.WriteString("' ")
	}
	b.WriteString("at '")
	b.WriteString(v.path)
	b.WriteString("' failed to satisfy constraint: ")
	b.WriteString(v.constraint())
	return b.String()
}

// renderValue prints a decoded value the way Java's toString would.
func renderValue(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64)
	case bool:
		return strconv.FormatBool(x)
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = renderValue(e)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case []byte:
		return "java.nio.HeapByteBuffer[pos=0 lim=" + strconv.Itoa(len(x)) + " cap=" + strconv.Itoa(len(x)) + "]"
	case map[string]any:
		return "{...}"
	default:
		return ""
	}
}

func fmtNum(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// coralMessage joins violations as Coral does: "2 validation errors detected:
// Value ...; Value ...".
func coralMessage(vs []violation) string {
	var b strings.Builder
	b.WriteString(strconv.Itoa(len(vs)))
	if len(vs) == 1 {
		b.WriteString(" validation error detected: ")
	} else {
		b.WriteString(" validation errors detected: ")
	}
	for i, v := range vs {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(v.message())
	}
	return b.String()
}

// organizationsReasons maps violation kinds to organizations'
// InvalidInputException reasons and messages.
func organizationsReason(k violationKind) (reason, msg string) {
	switch k {
	case vRequired:
		return "INPUT_REQUIRED", "You must include a value for all required parameters."
	case vMinLength:
		return "MIN_LENGTH_EXCEEDED", "You provided a string parameter that is shorter than allowed."
	case vMaxLength:
		return "MAX_LENGTH_EXCEEDED", "You provided a string parameter that is longer than allowed."
	case vMinValue:
		return "MIN_VALUE_EXCEEDED", "You provided a numeric parameter that has a smaller value than allowed."
	case vMaxValue:
		return "MAX_VALUE_EXCEEDED", "You provided a numeric parameter that has a larger value than allowed."
	case vEnum:
		return "INVALID_ENUM", "You specified an invalid value."
	default:
		return "INVALID_PATTERN", "You provided a value that does not match the required pattern."
	}
}

// validationError turns violations into the service's own error.
func (s *Service) validationError(vs []violation) *Error {
	switch s.valid {
	case styleQuery:
		return &Error{Code: "ValidationError", Status: http.StatusBadRequest, Message: coralMessage(vs)}
	case styleOrganizations:
		v := vs[0]
		// A list whose elements fail is INVALID_LIST_MEMBER.
		if strings.Contains(v.path, ".member") && v.kind != vRequired {
			return &Error{Code: "InvalidInputException", Status: http.StatusBadRequest,
				Message: "You provided a list to a parameter that contains at least one invalid value.",
				Fields:  map[string]any{"Reason": "INVALID_LIST_MEMBER"}}
		}
		reason, msg := organizationsReason(v.kind)
		return &Error{Code: "InvalidInputException", Status: http.StatusBadRequest, Message: msg,
			Fields: map[string]any{"Reason": reason}}
	case styleInspector2:
		fields := make([]any, len(vs))
		for i, v := range vs {
			fields[i] = map[string]any{"name": v.path, "message": v.message()}
		}
		return &Error{Code: "ValidationException", Status: http.StatusBadRequest, Message: coralMessage(vs),
			Fields: map[string]any{"reason": "FIELD_VALIDATION_FAILED", "fields": fields}}
	case styleInspector:
		fields := map[string]any{"canRetry": false}
		if code := s.inspectorErrorCode(vs[0]); code != "" {
			fields["errorCode"] = code
		}
		return &Error{Code: "InvalidInputException", Status: http.StatusBadRequest, Message: coralMessage(vs),
			Fields: fields}
	default:
		return &Error{Code: "ValidationException", Status: http.StatusBadRequest, Message: coralMessage(vs)}
	}
}

// inspectorErrorCode picks Inspector Classic's InvalidInputErrorCode for a
// violation from the member's name: assessmentTargetName →
// INVALID_ASSESSMENT_TARGET_NAME (…_PATTERN for a pattern failure),
// assessmentRunArns with a bad count → INVALID_NUMBER_OF_ASSESSMENT_RUN_ARNS,
// nextToken → INVALID_PAGINATION_TOKEN. "" when the enumeration has no fit.
func (s *Service) inspectorErrorCode(v violation) string {
	enum, ok := s.shapes["InvalidInputErrorCode"]
	if !ok {
		return ""
	}
	snake := upperSnake(v.leaf)
	var candidates []string
	switch {
	case v.leaf == "nextToken":
		candidates = []string{"INVALID_PAGINATION_TOKEN"}
	case v.leaf == "durationInSeconds":
		// The template's duration: its code names the template.
		candidates = []string{"INVALID_ASSESSMENT_TEMPLATE_DURATION"}
	case v.shape != nil && (v.shape.Type == TypeList || v.shape.Type == TypeMap) &&
		(v.kind == vMinLength || v.kind == vMaxLength):
		candidates = []string{"INVALID_NUMBER_OF_" + snake}
	case v.kind == vPattern:
		candidates = []string{"INVALID_" + snake + "_PATTERN", "INVALID_" + snake}
	case v.kind == vMinValue || v.kind == vMaxValue:
		candidates = []string{"INVALID_" + snake + "_RANGE", "INVALID_" + snake}
	default:
		candidates = []string{"INVALID_" + snake}
	}
	for _, c := range candidates {
		if _, ok := enum.enumSet[c]; ok {
			return c
		}
	}
	return ""
}

// upperSnake turns a camelCase member name into UPPER_SNAKE_CASE.
func upperSnake(name string) string {
	var b strings.Builder
	for i := 0; i < len(name); i++ {
		c := name[i]
		if 'A' <= c && c <= 'Z' {
			if i > 0 {
				b.WriteByte('_')
			}
			b.WriteByte(c)
			continue
		}
		if 'a' <= c && c <= 'z' {
			c -= 'a' - 'A'
		}
		b.WriteByte(c)
	}
	return b.String()
}

// lowerFirst gives the member path segment Coral uses: "UserName" → "userName".
func lowerFirst(s string) string {
	if s == "" || s[0] < 'A' || s[0] > 'Z' {
		return s
	}
	return string(s[0]+('a'-'A')) + s[1:]
}
