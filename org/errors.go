package org

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/seed-e2e06c4d/awsaccess/authz"
)

// Sentinel errors for errors.Is. Every error an Organization returns is an
// *Error whose Unwrap gives one of them; the sentinel follows from the
// error code (ErrConstraintViolation for every ConstraintViolationException,
// whatever its Reason).
var (
	// ErrAccessDenied is authz.ErrAccessDenied, so that one errors.Is test
	// covers denials by IAM and by the Organizations rules.
	ErrAccessDenied = authz.ErrAccessDenied
	// ErrNotManagementAccount: a member account called an operation only
	// the management account (or a delegated administrator) may call. It
	// comes with code AccessDeniedException and unwraps to ErrAccessDenied
	// as well.
	ErrNotManagementAccount = errors.New("not the management account")

	// ErrAccessDeniedForDependency: the caller may not have Organizations
	// create a service-linked role; it unwraps to ErrAccessDenied too.
	ErrAccessDeniedForDependency = errors.New("access denied for dependency")

	ErrAWSOrganizationsNotInUse              = errors.New("AWS Organizations not in use")
	ErrAccountAlreadyClosed                  = errors.New("account already closed")
	ErrAccountAlreadyRegistered              = errors.New("account already registered")
	ErrAccountNotFound                       = errors.New("account not found")
	ErrAccountNotRegistered                  = errors.New("account not registered")
	ErrAlreadyInOrganization                 = errors.New("already in organization")
	ErrChildNotFound                         = errors.New("child not found")
	ErrConcurrentModification                = errors.New("concurrent modification")
	ErrConstraintViolation                   = errors.New("constraint violation")
	ErrCreateAccountStatusNotFound           = errors.New("create account status not found")
	ErrDestinationParentNotFound             = errors.New("destination parent not found")
	ErrDuplicateAccount                      = errors.New("duplicate account")
	ErrDuplicateHandshake                    = errors.New("duplicate handshake")
	ErrDuplicateOrganizationalUnit           = errors.New("duplicate organizational unit")
	ErrDuplicatePolicy                       = errors.New("duplicate policy")
	ErrDuplicatePolicyAttachment             = errors.New("duplicate policy attachment")
	ErrHandshakeAlreadyInState               = errors.New("handshake already in state")
	ErrHandshakeConstraintViolation          = errors.New("handshake constraint violation")
	ErrHandshakeNotFound                     = errors.New("handshake not found")
	ErrInvalidHandshakeTransition            = errors.New("invalid handshake transition")
	ErrInvalidInput                          = errors.New("invalid input")
	ErrMalformedPolicyDocument               = errors.New("malformed policy document")
	ErrMasterCannotLeaveOrganization         = errors.New("management account cannot leave organization")
	ErrOrganizationNotEmpty                  = errors.New("organization not empty")
	ErrOrganizationalUnitNotEmpty            = errors.New("organizational unit not empty")
	ErrOrganizationalUnitNotFound            = errors.New("organizational unit not found")
	ErrParentNotFound                        = errors.New("parent not found")
	ErrPolicyInUse                           = errors.New("policy in use")
	ErrPolicyNotAttached                     = errors.New("policy not attached")
	ErrPolicyNotFound                        = errors.New("policy not found")
	ErrPolicyTypeAlreadyEnabled              = errors.New("policy type already enabled")
	ErrPolicyTypeNotAvailableForOrganization = errors.New("policy type not available for organization")
	ErrPolicyTypeNotEnabled                  = errors.New("policy type not enabled")
	ErrRootNotFound                          = errors.New("root not found")
	ErrService                               = errors.New("service error")
	ErrSourceParentNotFound                  = errors.New("source parent not found")
	ErrTargetNotFound                        = errors.New("target not found")
)

// Error is an AWS Organizations error: the code of the SDK's types/errors.go
// ("ConstraintViolationException", ...), AWS's message, the Reason of the
// exceptions that carry one (ConstraintViolationException,
// InvalidInputException, HandshakeConstraintViolationException) and the
// HTTP status (400 for every client error, 500 for ServiceException). It
// has the shape of smithy-go's APIError (ErrorCode, ErrorMessage) so the
// wire layer renders it unchanged, and unwraps to one of the package's
// sentinel errors.
type Error struct {
	Code    string
	Message string
	Reason  string
	Status  int

	err   error // the sentinel
	extra error // a second sentinel (ErrNotManagementAccount), or nil
}

// Error renders "Code: Message" and the reason, if any.
func (e *Error) Error() string {
	if e.Reason != "" {
		return fmt.Sprintf("%s: %s (%s)", e.Code, e.Message, e.Reason)
	}
	return fmt.Sprintf("%s: %s", e.Code, e.Message)
}

// Unwrap returns the sentinel errors the error stands for.
func (e *Error) Unwrap() []error {
	if e.extra != nil {
		return []error{e.err, e.extra}
	}
	return []error{e.err}
}

// ErrorCode returns the AWS error code.
func (e *Error) ErrorCode() string { return e.Code }

// ErrorMessage returns the AWS error message.
func (e *Error) ErrorMessage() string { return e.Message }

// ErrorReason returns the Reason member, "" when the exception has none.
func (e *Error) ErrorReason() string { return e.Reason }

// HTTPStatusCode returns the HTTP status AWS answers with.
func (e *Error) HTTPStatusCode() int { return e.Status }

// sentinels maps each error code to its sentinel.
var sentinels = map[string]error{
	"AccessDeniedException":                          ErrAccessDenied,
	"AWSOrganizationsNotInUseException":              ErrAWSOrganizationsNotInUse,
	"AccountAlreadyClosedException":                  ErrAccountAlreadyClosed,
	"AccountAlreadyRegisteredException":              ErrAccountAlreadyRegistered,
	"AccountNotFoundException":                       ErrAccountNotFound,
	"AccountNotRegisteredException":                  ErrAccountNotRegistered,
	"AlreadyInOrganizationException":                 ErrAlreadyInOrganization,
	"ChildNotFoundException":                         ErrChildNotFound,
	"ConcurrentModificationException":                ErrConcurrentModification,
	"ConstraintViolationException":                   ErrConstraintViolation,
	"CreateAccountStatusNotFoundException":           ErrCreateAccountStatusNotFound,
	"DestinationParentNotFoundException":             ErrDestinationParentNotFound,
	"DuplicateAccountException":                      ErrDuplicateAccount,
	"DuplicateHandshakeException":                    ErrDuplicateHandshake,
	"DuplicateOrganizationalUnitException":           ErrDuplicateOrganizationalUnit,
	"DuplicatePolicyException":                       ErrDuplicatePolicy,
	"DuplicatePolicyAttachmentException":             ErrDuplicatePolicyAttachment,
	"HandshakeAlreadyInStateException":               ErrHandshakeAlreadyInState,
	"HandshakeConstraintViolationException":          ErrHandshakeConstraintViolation,
	"HandshakeNotFoundException":                     ErrHandshakeNotFound,
	"InvalidHandshakeTransitionException":            ErrInvalidHandshakeTransition,
	"InvalidInputException":                          ErrInvalidInput,
	"MalformedPolicyDocumentException":               ErrMalformedPolicyDocument,
	"MasterCannotLeaveOrganizationException":         ErrMasterCannotLeaveOrganization,
	"MissingAuthenticationTokenException":            ErrAccessDenied,
	"OrganizationNotEmptyException":                  ErrOrganizationNotEmpty,
	"OrganizationalUnitNotEmptyException":            ErrOrganizationalUnitNotEmpty,
	"OrganizationalUnitNotFoundException":            ErrOrganizationalUnitNotFound,
	"ParentNotFoundException":                        ErrParentNotFound,
	"PolicyInUseException":                           ErrPolicyInUse,
	"PolicyNotAttachedException":                     ErrPolicyNotAttached,
	"PolicyNotFoundException":                        ErrPolicyNotFound,
	"PolicyTypeAlreadyEnabledException":              ErrPolicyTypeAlreadyEnabled,
	"PolicyTypeNotAvailableForOrganizationException": ErrPolicyTypeNotAvailableForOrganization,
	"PolicyTypeNotEnabledException":                  ErrPolicyTypeNotEnabled,
	"RootNotFoundException":                          ErrRootNotFound,
	"ServiceException":                               ErrService,
	"SourceParentNotFoundException":                  ErrSourceParentNotFound,
	"TargetNotFoundException":                        ErrTargetNotFound,
}

func newError(code, message string) *Error {
	status := http.StatusBadRequest
	switch code {
	case "ServiceException":
		status = http.StatusInternalServerError
	case "MissingAuthenticationTokenException":
		status = http.StatusForbidden
	}
	return &Error{Code: code, Message: message, Status: status, err: sentinels[code]}
}

// AWS's messages, where known from AWS's responses; otherwise the wording
// of the exception's documentation.
const (
	msgAccessDenied       = "You don't have permissions to access this resource."
	msgNotInUse           = "Your account is not a member of an organization."
	msgAccountNotFound    = "You specified an account that doesn't exist."
	msgAlreadyRegistered  = "The provided account is already a delegated administrator for your organization."
	msgNotRegistered      = "The provided account is not a registered delegated administrator for your organization."
	msgAlreadyInOrg       = "The provided account is already a member of an organization."
	msgAlreadyClosed      = "The provided account is already closed."
	msgOrgNotEmpty        = "To delete an organization you must first remove all member accounts (except the master)."
	msgMasterCannotLeave  = "You can't remove a management account from an organization. If you want the management account to become a member account in another organization, you must first delete the current organization of the management account."
	msgOUNotFound         = "You specified an organizational unit that doesn't exist."
	msgOUNotEmpty         = "The specified OU is not empty. Move all accounts to another root or to other OUs, remove all child OUs, and try the operation again."
	msgParentNotFound     = "You specified a parent that doesn't exist."
	msgSourceParent       = "We can't find a source root or OU with the ParentId that you specified."
	msgDestParent         = "We can't find the destination container (a root or OU) with the ParentId that you specified."
	msgChildNotFound      = "We can't find an organizational unit (OU) or Amazon Web Services account with the ChildId that you specified."
	msgDuplicateAccount   = "That account is already present in the specified destination."
	msgDuplicateOU        = "An OU with the same name already exists."
	msgDuplicatePolicy    = "A policy with the same name already exists."
	msgDuplicateAttach    = "The selected policy is already attached to the specified target."
	msgPolicyNotAttached  = "The policy isn't attached to the specified target in the specified root."
	msgPolicyNotFound     = "You specified a policy that doesn't exist."
	msgPolicyInUse        = "The policy is attached to one or more entities. You must detach it from all roots, OUs, and accounts before performing this operation."
	msgMalformedPolicy    = "The provided policy document doesn't meet the requirements of the specified policy type."
	msgTypeEnabled        = "The specified policy type is already enabled."
	msgTypeNotEnabled     = "This operation can be performed only for enabled policy types."
	msgTypeNotAvailable   = "You can't use the specified policy type with the feature set currently enabled for this organization."
	msgRootNotFound       = "You specified a root that doesn't exist."
	msgTargetNotFound     = "You specified a target that doesn't exist."
	msgHandshakeNotFound  = "We can't find a handshake with the HandshakeId that you specified."
	msgHandshakeInState   = "The specified handshake is already in the requested state."
	msgHandshakeTrans     = "You can't perform the operation on the handshake in its current state."
	msgDuplicateHandshake = "A handshake with the same action and target already exists."
	msgCARNotFound        = "We can't find an create account request with the CreateAccountRequestId that you specified."
	msgConcurrent         = "The target of the operation is currently being modified by a different request. Try again later."
	msgService            = "Organizations can't complete your request because of an internal service error. Try again later."
	msgNoCaller           = "Missing Authentication Token"
)

func errAccessDenied() *Error {
	e := newError("AccessDeniedException", msgAccessDenied)
	e.extra = ErrNotManagementAccount
	return e
}

func errNotInUse() *Error        { return newError("AWSOrganizationsNotInUseException", msgNotInUse) }
func errAccountNotFound() *Error { return newError("AccountNotFoundException", msgAccountNotFound) }
func errService() *Error         { return newError("ServiceException", msgService) }

// ConstraintViolationExceptionReason values and the messages this package
// gives them.
var constraintMessages = map[ConstraintViolationExceptionReason]string{
	ConstraintViolationExceptionReasonAccountCannotLeaveOrganization:                         "You attempted to remove the management account from the organization. You can't remove the management account. Instead, after you remove all member accounts, delete the organization itself.",
	ConstraintViolationExceptionReasonAccountNumberLimitExceeded:                             "You attempted to exceed the limit on the number of accounts in an organization.",
	ConstraintViolationExceptionReasonAccountCreationRateLimitExceeded:                       "You attempted to exceed the number of accounts that can be in progress at a time.",
	ConstraintViolationExceptionReasonCannotRegisterMasterAsDelegatedAdministrator:           "You cannot register management account/yourself as delegated administrator for your organization.",
	ConstraintViolationExceptionReasonCannotRegisterSuspendedAccountAsDelegatedAdministrator: "You cannot register a suspended account as a delegated administrator.",
	ConstraintViolationExceptionReasonCannotRemoveDelegatedAdministratorFromOrg:              "You attempted to remove an account that is registered as a delegated administrator for a service integrated with your organization. To complete this operation, you must first deregister this account as a delegated administrator.",
	ConstraintViolationExceptionReasonCannotCloseManagementAccount:                           "You attempted to close the management account. To close the management account for the organization, you must first either remove or close all member accounts in the organization.",
	ConstraintViolationExceptionReasonDelegatedAdministratorExistsForThisService:             "You attempted to register an account as a delegated administrator for a service that already has a delegated administrator. To complete this operation, you must first deregister any existing delegated administrators for this service.",
	ConstraintViolationExceptionReasonMaxDelegatedAdministratorsForServiceLimitExceeded:      "You attempted to register more delegated administrators than allowed for the service principal.",
	ConstraintViolationExceptionReasonMaxPolicyTypeAttachmentLimitExceeded:                   "You have attached the maximum number of policies to the specified target.",
	ConstraintViolationExceptionReasonMinPolicyTypeAttachmentLimitExceeded:                   "You attempted to detach a policy from an entity that would cause the entity to have fewer than the minimum number of policies of a certain type required.",
	ConstraintViolationExceptionReasonOrganizationNotInAllFeaturesMode:                       "You attempted to perform an operation that requires the organization to be configured to support all features. An organization that supports only consolidated billing features can't perform this operation.",
	ConstraintViolationExceptionReasonOuDepthLimitExceeded:                                   "You attempted to create an OU tree that is too many levels deep.",
	ConstraintViolationExceptionReasonOuNumberLimitExceeded:                                  "You attempted to exceed the number of OUs that you can have in an organization.",
	ConstraintViolationExceptionReasonPolicyContentLimitExceeded:                             "You attempted to create a policy that is larger than the maximum size.",
	ConstraintViolationExceptionReasonPolicyNumberLimitExceeded:                              "You attempted to exceed the number of policies that you can have in an organization.",
	ConstraintViolationExceptionReasonServiceAccessNotEnabled:                                "You attempted to register a delegated administrator before you enabled service access. Call the EnableAWSServiceAccess API first.",
	ConstraintViolationExceptionReasonMaxTagLimitExceeded:                                    "You have exceeded the number of tags allowed on this resource.",
	ConstraintViolationExceptionReasonWaitPeriodActive:                                       "After you create an Amazon Web Services account, you must wait until at least four days after the account was created. Invited accounts aren't subject to this waiting period.",
}

// reasonError is an error whose Reason is r, with r's message.
func reasonError[R ~string](code string, messages map[R]string, r R) *Error {
	e := newError(code, messages[r])
	e.Reason = string(r)
	return e
}

func errConstraint(r ConstraintViolationExceptionReason) *Error {
	return reasonError("ConstraintViolationException", constraintMessages, r)
}

var invalidInputMessages = map[InvalidInputExceptionReason]string{
	InvalidInputExceptionReasonImmutablePolicy:                    "You specified a policy that is managed by Amazon Web Services and can't be modified.",
	InvalidInputExceptionReasonInputRequired:                      "You must include a value for all required parameters.",
	InvalidInputExceptionReasonInvalidEmailAddressTarget:          "You specified an invalid email address for the invited account owner.",
	InvalidInputExceptionReasonInvalidEnum:                        "You specified an invalid value.",
	InvalidInputExceptionReasonInvalidEnumPolicyType:              "You specified an invalid policy type string.",
	InvalidInputExceptionReasonInvalidNextToken:                   "Get the value for the NextToken parameter from the response to a previous call of the operation.",
	InvalidInputExceptionReasonInvalidPartyTypeTarget:             "You specified the wrong type of entity (account, organization, or email) as a party.",
	InvalidInputExceptionReasonInvalidPattern:                     "You provided a value that doesn't match the required pattern.",
	InvalidInputExceptionReasonInvalidPatternTargetId:             "You specified a policy target ID that doesn't match the required pattern.",
	InvalidInputExceptionReasonInvalidRoleName:                    "You provided a role name that isn't valid. A role name can't begin with the reserved prefix AWSServiceRoleFor.",
	InvalidInputExceptionReasonInvalidSyntaxPolicyId:              "You specified an invalid policy ID.",
	InvalidInputExceptionReasonMaxLengthExceeded:                  "You provided a string parameter that is longer than allowed.",
	InvalidInputExceptionReasonMaxValueExceeded:                   "You provided a numeric parameter that has a larger value than allowed.",
	InvalidInputExceptionReasonMinLengthExceeded:                  "You provided a string parameter that is shorter than allowed.",
	InvalidInputExceptionReasonMinValueExceeded:                   "You provided a numeric parameter that has a smaller value than allowed.",
	InvalidInputExceptionReasonMovingAccountBetweenDifferentRoots: "You can move an account only between entities in the same root.",
	InvalidInputExceptionReasonUnrecognizedServicePrincipal:       "You specified an unrecognized service principal.",
	InvalidInputExceptionReasonInvalidSystemTagsParameter:         "You specified a tag key that is a system tag. You can't add, edit, or delete system tag keys because they're reserved for Amazon Web Services use. System tags don't count against your tags per resource limit.",
	InvalidInputExceptionReasonDuplicateTagKey:                    "Tag keys must be unique among the tags attached to the same entity.",
	InvalidInputExceptionReasonTargetNotSupported:                 "You can't perform the specified operation on that target entity.",
	InvalidInputExceptionReasonMaxLimitExceededFilter:             "You can specify only one filter parameter for the operation.",
	InvalidInputExceptionReasonNonDetachablePolicy:                "You can't detach this Amazon Web Services Managed Policy.",
}

func errInvalid(r InvalidInputExceptionReason) *Error {
	return reasonError("InvalidInputException", invalidInputMessages, r)
}

// errUnsupportedPolicyType is the answer to the policy types AWS has and
// this package does not model (TAG_POLICY, BACKUP_POLICY, ...).
func errUnsupportedPolicyType(t PolicyType) *Error {
	e := newError("InvalidInputException", fmt.Sprintf("The policy type %s is not supported by this model of AWS Organizations, which supports SERVICE_CONTROL_POLICY and RESOURCE_CONTROL_POLICY.", t))
	e.Reason = string(InvalidInputExceptionReasonInvalidEnumPolicyType)
	return e
}

var handshakeMessages = map[HandshakeConstraintViolationExceptionReason]string{
	HandshakeConstraintViolationExceptionReasonAccountNumberLimitExceeded: "You attempted to exceed the limit on the number of accounts in an organization.",
	HandshakeConstraintViolationExceptionReasonAlreadyInAnOrganization:    "The handshake request is invalid because the invited account is already a member of an organization.",
}

func errHandshakeConstraint(r HandshakeConstraintViolationExceptionReason) *Error {
	return reasonError("HandshakeConstraintViolationException", handshakeMessages, r)
}
