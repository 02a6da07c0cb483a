// The enumerations of the AWS Organizations service model (API version
// 2016-11-28), each value named as aws-sdk-go-v2 names it.

package org

// AccountJoinedMethod is how an account joined its organization.
type AccountJoinedMethod string

// AccountJoinedMethod values.
const (
	AccountJoinedMethodInvited AccountJoinedMethod = "INVITED"
	AccountJoinedMethodCreated AccountJoinedMethod = "CREATED"
)

// Values lists every AccountJoinedMethod value.
func (AccountJoinedMethod) Values() []AccountJoinedMethod {
	return []AccountJoinedMethod{
		AccountJoinedMethodInvited,
		AccountJoinedMethodCreated,
	}
}

// AccountState is the state of an account. Use it rather than AccountStatus, which AWS retires on September 9, 2026.
type AccountState string

// AccountState values.
const (
	AccountStatePendingActivation AccountState = "PENDING_ACTIVATION"
	AccountStateActive            AccountState = "ACTIVE"
	AccountStateSuspended         AccountState = "SUSPENDED"
	AccountStatePendingClosure    AccountState = "PENDING_CLOSURE"
	AccountStateClosed            AccountState = "CLOSED"
)

// Values lists every AccountState value.
func (AccountState) Values() []AccountState {
	return []AccountState{
		AccountStatePendingActivation,
		AccountStateActive,
		AccountStateSuspended,
		AccountStatePendingClosure,
		AccountStateClosed,
	}
}

// AccountStatus is the legacy status of an account (AWS retires it on September 9, 2026; see AccountState).
type AccountStatus string

// AccountStatus values.
const (
	AccountStatusActive         AccountStatus = "ACTIVE"
	AccountStatusSuspended      AccountStatus = "SUSPENDED"
	AccountStatusPendingClosure AccountStatus = "PENDING_CLOSURE"
)

// Values lists every AccountStatus value.
func (AccountStatus) Values() []AccountStatus {
	return []AccountStatus{
		AccountStatusActive,
		AccountStatusSuspended,
		AccountStatusPendingClosure,
	}
}

// ActionType is the action of a handshake.
type ActionType string

// ActionType values.
const (
	ActionTypeInvite                            ActionType = "INVITE"
	ActionTypeEnableAllFeatures                 ActionType = "ENABLE_ALL_FEATURES"
	ActionTypeApproveAllFeatures                ActionType = "APPROVE_ALL_FEATURES"
	ActionTypeAddOrganizationsServiceLinkedRole ActionType = "ADD_ORGANIZATIONS_SERVICE_LINKED_ROLE"
	ActionTypeTransferResponsibility            ActionType = "TRANSFER_RESPONSIBILITY"
)

// Values lists every ActionType value.
func (ActionType) Values() []ActionType {
	return []ActionType{
		ActionTypeInvite,
		ActionTypeEnableAllFeatures,
		ActionTypeApproveAllFeatures,
		ActionTypeAddOrganizationsServiceLinkedRole,
		ActionTypeTransferResponsibility,
	}
}

// ChildType is the type of a child of a root or OU.
type ChildType string

// ChildType values.
const (
	ChildTypeAccount            ChildType = "ACCOUNT"
	ChildTypeOrganizationalUnit ChildType = "ORGANIZATIONAL_UNIT"
)

// Values lists every ChildType value.
func (ChildType) Values() []ChildType {
	return []ChildType{
		ChildTypeAccount,
		ChildTypeOrganizationalUnit,
	}
}

// ConstraintViolationExceptionReason is the Reason of a ConstraintViolationException.
type ConstraintViolationExceptionReason string

// ConstraintViolationExceptionReason values.
const (
	ConstraintViolationExceptionReasonAccountNumberLimitExceeded                             ConstraintViolationExceptionReason = "ACCOUNT_NUMBER_LIMIT_EXCEEDED"
	ConstraintViolationExceptionReasonHandshakeRateLimitExceeded                             ConstraintViolationExceptionReason = "HANDSHAKE_RATE_LIMIT_EXCEEDED"
	ConstraintViolationExceptionReasonOuNumberLimitExceeded                                  ConstraintViolationExceptionReason = "OU_NUMBER_LIMIT_EXCEEDED"
	ConstraintViolationExceptionReasonOuDepthLimitExceeded                                   ConstraintViolationExceptionReason = "OU_DEPTH_LIMIT_EXCEEDED"
	ConstraintViolationExceptionReasonPolicyNumberLimitExceeded                              ConstraintViolationExceptionReason = "POLICY_NUMBER_LIMIT_EXCEEDED"
	ConstraintViolationExceptionReasonPolicyContentLimitExceeded                             ConstraintViolationExceptionReason = "POLICY_CONTENT_LIMIT_EXCEEDED"
	ConstraintViolationExceptionReasonMaxPolicyTypeAttachmentLimitExceeded                   ConstraintViolationExceptionReason = "MAX_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED"
	ConstraintViolationExceptionReasonMinPolicyTypeAttachmentLimitExceeded                   ConstraintViolationExceptionReason = "MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED"
	ConstraintViolationExceptionReasonAccountCannotLeaveOrganization                         ConstraintViolationExceptionReason = "ACCOUNT_CANNOT_LEAVE_ORGANIZATION"
	ConstraintViolationExceptionReasonAccountCannotLeaveWithoutEula                          ConstraintViolationExceptionReason = "ACCOUNT_CANNOT_LEAVE_WITHOUT_EULA"
	ConstraintViolationExceptionReasonAccountCannotLeaveWithoutPhoneVerification             ConstraintViolationExceptionReason = "ACCOUNT_CANNOT_LEAVE_WITHOUT_PHONE_VERIFICATION"
	ConstraintViolationExceptionReasonMasterAccountPaymentInstrumentRequired                 ConstraintViolationExceptionReason = "MASTER_ACCOUNT_PAYMENT_INSTRUMENT_REQUIRED"
	ConstraintViolationExceptionReasonMemberAccountPaymentInstrumentRequired                 ConstraintViolationExceptionReason = "MEMBER_ACCOUNT_PAYMENT_INSTRUMENT_REQUIRED"
	ConstraintViolationExceptionReasonAccountCreationRateLimitExceeded                       ConstraintViolationExceptionReason = "ACCOUNT_CREATION_RATE_LIMIT_EXCEEDED"
	ConstraintViolationExceptionReasonMasterAccountAddressDoesNotMatchMarketplace            ConstraintViolationExceptionReason = "MASTER_ACCOUNT_ADDRESS_DOES_NOT_MATCH_MARKETPLACE"
	ConstraintViolationExceptionReasonMasterAccountMissingContactInfo                        ConstraintViolationExceptionReason = "MASTER_ACCOUNT_MISSING_CONTACT_INFO"
	ConstraintViolationExceptionReasonMasterAccountNotGovcloudEnabled                        ConstraintViolationExceptionReason = "MASTER_ACCOUNT_NOT_GOVCLOUD_ENABLED"
	ConstraintViolationExceptionReasonOrganizationNotInAllFeaturesMode                       ConstraintViolationExceptionReason = "ORGANIZATION_NOT_IN_ALL_FEATURES_MODE"
	ConstraintViolationExceptionReasonCreateOrganizationInBillingModeUnsupportedRegion       ConstraintViolationExceptionReason = "CREATE_ORGANIZATION_IN_BILLING_MODE_UNSUPPORTED_REGION"
	ConstraintViolationExceptionReasonEmailVerificationCodeExpired                           ConstraintViolationExceptionReason = "EMAIL_VERIFICATION_CODE_EXPIRED"
	ConstraintViolationExceptionReasonWaitPeriodActive                                       ConstraintViolationExceptionReason = "WAIT_PERIOD_ACTIVE"
	ConstraintViolationExceptionReasonMaxTagLimitExceeded                                    ConstraintViolationExceptionReason = "MAX_TAG_LIMIT_EXCEEDED"
	ConstraintViolationExceptionReasonTagPolicyViolation                                     ConstraintViolationExceptionReason = "TAG_POLICY_VIOLATION"
	ConstraintViolationExceptionReasonMaxDelegatedAdministratorsForServiceLimitExceeded      ConstraintViolationExceptionReason = "MAX_DELEGATED_ADMINISTRATORS_FOR_SERVICE_LIMIT_EXCEEDED"
	ConstraintViolationExceptionReasonCannotRegisterMasterAsDelegatedAdministrator           ConstraintViolationExceptionReason = "CANNOT_REGISTER_MASTER_AS_DELEGATED_ADMINISTRATOR"
	ConstraintViolationExceptionReasonCannotRemoveDelegatedAdministratorFromOrg              ConstraintViolationExceptionReason = "CANNOT_REMOVE_DELEGATED_ADMINISTRATOR_FROM_ORG"
	ConstraintViolationExceptionReasonDelegatedAdministratorExistsForThisService             ConstraintViolationExceptionReason = "DELEGATED_ADMINISTRATOR_EXISTS_FOR_THIS_SERVICE"
	ConstraintViolationExceptionReasonPolicyTypeEnabledForThisService                        ConstraintViolationExceptionReason = "POLICY_TYPE_ENABLED_FOR_THIS_SERVICE"
	ConstraintViolationExceptionReasonMasterAccountMissingBusinessLicense                    ConstraintViolationExceptionReason = "MASTER_ACCOUNT_MISSING_BUSINESS_LICENSE"
	ConstraintViolationExceptionReasonCannotCloseManagementAccount                           ConstraintViolationExceptionReason = "CANNOT_CLOSE_MANAGEMENT_ACCOUNT"
	ConstraintViolationExceptionReasonCloseAccountQuotaExceeded                              ConstraintViolationExceptionReason = "CLOSE_ACCOUNT_QUOTA_EXCEEDED"
	ConstraintViolationExceptionReasonCloseAccountRequestsLimitExceeded                      ConstraintViolationExceptionReason = "CLOSE_ACCOUNT_REQUESTS_LIMIT_EXCEEDED"
	ConstraintViolationExceptionReasonServiceAccessNotEnabled                                ConstraintViolationExceptionReason = "SERVICE_ACCESS_NOT_ENABLED"
	ConstraintViolationExceptionReasonInvalidPaymentInstrument                               ConstraintViolationExceptionReason = "INVALID_PAYMENT_INSTRUMENT"
	ConstraintViolationExceptionReasonAccountCreationNotComplete                             ConstraintViolationExceptionReason = "ACCOUNT_CREATION_NOT_COMPLETE"
	ConstraintViolationExceptionReasonCannotRegisterSuspendedAccountAsDelegatedAdministrator ConstraintViolationExceptionReason = "CANNOT_REGISTER_SUSPENDED_ACCOUNT_AS_DELEGATED_ADMINISTRATOR"
	ConstraintViolationExceptionReasonAllFeaturesMigrationOrganizationSizeLimitExceeded      ConstraintViolationExceptionReason = "ALL_FEATURES_MIGRATION_ORGANIZATION_SIZE_LIMIT_EXCEEDED"
	ConstraintViolationExceptionReasonResponsibilityTransferMaxLevelViolation                ConstraintViolationExceptionReason = "RESPONSIBILITY_TRANSFER_MAX_LEVEL_VIOLATION"
	ConstraintViolationExceptionReasonResponsibilityTransferMaxInboundQuotaViolation         ConstraintViolationExceptionReason = "RESPONSIBILITY_TRANSFER_MAX_INBOUND_QUOTA_VIOLATION"
	ConstraintViolationExceptionReasonResponsibilityTransferMaxOutboundQuotaViolation        ConstraintViolationExceptionReason = "RESPONSIBILITY_TRANSFER_MAX_OUTBOUND_QUOTA_VIOLATION"
	ConstraintViolationExceptionReasonResponsibilityTransferMaxTransfersQuotaViolation       ConstraintViolationExceptionReason = "RESPONSIBILITY_TRANSFER_MAX_TRANSFERS_QUOTA_VIOLATION"
	ConstraintViolationExceptionReasonActiveResponsibilityTransferProcess                    ConstraintViolationExceptionReason = "ACTIVE_RESPONSIBILITY_TRANSFER_PROCESS"
	ConstraintViolationExceptionReasonTransferResponsibilityTargetDeletionInProgress         ConstraintViolationExceptionReason = "TRANSFER_RESPONSIBILITY_TARGET_DELETION_IN_PROGRESS"
	ConstraintViolationExceptionReasonTransferResponsibilitySourceDeletionInProgress         ConstraintViolationExceptionReason = "TRANSFER_RESPONSIBILITY_SOURCE_DELETION_IN_PROGRESS"
	ConstraintViolationExceptionReasonUnsupportedPricing                                     ConstraintViolationExceptionReason = "UNSUPPORTED_PRICING"
)

// Values lists every ConstraintViolationExceptionReason value.
func (ConstraintViolationExceptionReason) Values() []ConstraintViolationExceptionReason {
	return []ConstraintViolationExceptionReason{
		ConstraintViolationExceptionReasonAccountNumberLimitExceeded,
		ConstraintViolationExceptionReasonHandshakeRateLimitExceeded,
		ConstraintViolationExceptionReasonOuNumberLimitExceeded,
		ConstraintViolationExceptionReasonOuDepthLimitExceeded,
		ConstraintViolationExceptionReasonPolicyNumberLimitExceeded,
		ConstraintViolationExceptionReasonPolicyContentLimitExceeded,
		ConstraintViolationExceptionReasonMaxPolicyTypeAttachmentLimitExceeded,
		ConstraintViolationExceptionReasonMinPolicyTypeAttachmentLimitExceeded,
		ConstraintViolationExceptionReasonAccountCannotLeaveOrganization,
		ConstraintViolationExceptionReasonAccountCannotLeaveWithoutEula,
		ConstraintViolationExceptionReasonAccountCannotLeaveWithoutPhoneVerification,
		ConstraintViolationExceptionReasonMasterAccountPaymentInstrumentRequired,
		ConstraintViolationExceptionReasonMemberAccountPaymentInstrumentRequired,
		ConstraintViolationExceptionReasonAccountCreationRateLimitExceeded,
		ConstraintViolationExceptionReasonMasterAccountAddressDoesNotMatchMarketplace,
		ConstraintViolationExceptionReasonMasterAccountMissingContactInfo,
		ConstraintViolationExceptionReasonMasterAccountNotGovcloudEnabled,
		ConstraintViolationExceptionReasonOrganizationNotInAllFeaturesMode,
		ConstraintViolationExceptionReasonCreateOrganizationInBillingModeUnsupportedRegion,
		ConstraintViolationExceptionReasonEmailVerificationCodeExpired,
		ConstraintViolationExceptionReasonWaitPeriodActive,
		ConstraintViolationExceptionReasonMaxTagLimitExceeded,
		ConstraintViolationExceptionReasonTagPolicyViolation,
		ConstraintViolationExceptionReasonMaxDelegatedAdministratorsForServiceLimitExceeded,
		ConstraintViolationExceptionReasonCannotRegisterMasterAsDelegatedAdministrator,
		ConstraintViolationExceptionReasonCannotRemoveDelegatedAdministratorFromOrg,
		ConstraintViolationExceptionReasonDelegatedAdministratorExistsForThisService,
		ConstraintViolationExceptionReasonPolicyTypeEnabledForThisService,
		ConstraintViolationExceptionReasonMasterAccountMissingBusinessLicense,
		ConstraintViolationExceptionReasonCannotCloseManagementAccount,
		ConstraintViolationExceptionReasonCloseAccountQuotaExceeded,
		ConstraintViolationExceptionReasonCloseAccountRequestsLimitExceeded,
		ConstraintViolationExceptionReasonServiceAccessNotEnabled,
		ConstraintViolationExceptionReasonInvalidPaymentInstrument,
		ConstraintViolationExceptionReasonAccountCreationNotComplete,
		ConstraintViolationExceptionReasonCannotRegisterSuspendedAccountAsDelegatedAdministrator,
		ConstraintViolationExceptionReasonAllFeaturesMigrationOrganizationSizeLimitExceeded,
		ConstraintViolationExceptionReasonResponsibilityTransferMaxLevelViolation,
		ConstraintViolationExceptionReasonResponsibilityTransferMaxInboundQuotaViolation,
		ConstraintViolationExceptionReasonResponsibilityTransferMaxOutboundQuotaViolation,
		ConstraintViolationExceptionReasonResponsibilityTransferMaxTransfersQuotaViolation,
		ConstraintViolationExceptionReasonActiveResponsibilityTransferProcess,
		ConstraintViolationExceptionReasonTransferResponsibilityTargetDeletionInProgress,
		ConstraintViolationExceptionReasonTransferResponsibilitySourceDeletionInProgress,
		ConstraintViolationExceptionReasonUnsupportedPricing,
	}
}

// CreateAccountFailureReason is why a CreateAccount request failed.
type CreateAccountFailureReason string

// CreateAccountFailureReason values.
const (
	CreateAccountFailureReasonAccountLimitExceeded                             CreateAccountFailureReason = "ACCOUNT_LIMIT_EXCEEDED"
	CreateAccountFailureReasonEmailAlreadyExists                               CreateAccountFailureReason = "EMAIL_ALREADY_EXISTS"
	CreateAccountFailureReasonInvalidAddress                                   CreateAccountFailureReason = "INVALID_ADDRESS"
	CreateAccountFailureReasonInvalidEmail                                     CreateAccountFailureReason = "INVALID_EMAIL"
	CreateAccountFailureReasonConcurrentAccountModification                    CreateAccountFailureReason = "CONCURRENT_ACCOUNT_MODIFICATION"
	CreateAccountFailureReasonInternalFailure                                  CreateAccountFailureReason = "INTERNAL_FAILURE"
	CreateAccountFailureReasonGovcloudAccountAlreadyExists                     CreateAccountFailureReason = "GOVCLOUD_ACCOUNT_ALREADY_EXISTS"
	CreateAccountFailureReasonMissingBusinessValidation                        CreateAccountFailureReason = "MISSING_BUSINESS_VALIDATION"
	CreateAccountFailureReasonFailedBusinessValidation                         CreateAccountFailureReason = "FAILED_BUSINESS_VALIDATION"
	CreateAccountFailureReasonPendingBusinessValidation                        CreateAccountFailureReason = "PENDING_BUSINESS_VALIDATION"
	CreateAccountFailureReasonInvalidIdentityForBusinessValidation             CreateAccountFailureReason = "INVALID_IDENTITY_FOR_BUSINESS_VALIDATION"
	CreateAccountFailureReasonUnknownBusinessValidation                        CreateAccountFailureReason = "UNKNOWN_BUSINESS_VALIDATION"
	CreateAccountFailureReasonMissingPaymentInstrument                         CreateAccountFailureReason = "MISSING_PAYMENT_INSTRUMENT"
	CreateAccountFailureReasonInvalidPaymentInstrument                         CreateAccountFailureReason = "INVALID_PAYMENT_INSTRUMENT"
	CreateAccountFailureReasonUpdateExistingResourcePolicyWithTagsNotSupported CreateAccountFailureReason = "UPDATE_EXISTING_RESOURCE_POLICY_WITH_TAGS_NOT_SUPPORTED"
)

// Values lists every CreateAccountFailureReason value.
func (CreateAccountFailureReason) Values() []CreateAccountFailureReason {
	return []CreateAccountFailureReason{
		CreateAccountFailureReasonAccountLimitExceeded,
		CreateAccountFailureReasonEmailAlreadyExists,
		CreateAccountFailureReasonInvalidAddress,
		CreateAccountFailureReasonInvalidEmail,
		CreateAccountFailureReasonConcurrentAccountModification,
		CreateAccountFailureReasonInternalFailure,
		CreateAccountFailureReasonGovcloudAccountAlreadyExists,
		CreateAccountFailureReasonMissingBusinessValidation,
		CreateAccountFailureReasonFailedBusinessValidation,
		CreateAccountFailureReasonPendingBusinessValidation,
		CreateAccountFailureReasonInvalidIdentityForBusinessValidation,
		CreateAccountFailureReasonUnknownBusinessValidation,
		CreateAccountFailureReasonMissingPaymentInstrument,
		CreateAccountFailureReasonInvalidPaymentInstrument,
		CreateAccountFailureReasonUpdateExistingResourcePolicyWithTagsNotSupported,
	}
}

// CreateAccountState is the state of a CreateAccount request.
type CreateAccountState string

// CreateAccountState values.
const (
	CreateAccountStateInProgress CreateAccountState = "IN_PROGRESS"
	CreateAccountStateSucceeded  CreateAccountState = "SUCCEEDED"
	CreateAccountStateFailed     CreateAccountState = "FAILED"
)

// Values lists every CreateAccountState value.
func (CreateAccountState) Values() []CreateAccountState {
	return []CreateAccountState{
		CreateAccountStateInProgress,
		CreateAccountStateSucceeded,
		CreateAccountStateFailed,
	}
}

// HandshakeConstraintViolationExceptionReason is the Reason of a HandshakeConstraintViolationException.
type HandshakeConstraintViolationExceptionReason string

// HandshakeConstraintViolationExceptionReason values.
const (
	HandshakeConstraintViolationExceptionReasonAccountNumberLimitExceeded                       HandshakeConstraintViolationExceptionReason = "ACCOUNT_NUMBER_LIMIT_EXCEEDED"
	HandshakeConstraintViolationExceptionReasonHandshakeRateLimitExceeded                       HandshakeConstraintViolationExceptionReason = "HANDSHAKE_RATE_LIMIT_EXCEEDED"
	HandshakeConstraintViolationExceptionReasonAlreadyInAnOrganization                          HandshakeConstraintViolationExceptionReason = "ALREADY_IN_AN_ORGANIZATION"
	HandshakeConstraintViolationExceptionReasonOrganizationAlreadyHasAllFeatures                HandshakeConstraintViolationExceptionReason = "ORGANIZATION_ALREADY_HAS_ALL_FEATURES"
	HandshakeConstraintViolationExceptionReasonOrganizationIsAlreadyPendingAllFeaturesMigration HandshakeConstraintViolationExceptionReason = "ORGANIZATION_IS_ALREADY_PENDING_ALL_FEATURES_MIGRATION"
	HandshakeConstraintViolationExceptionReasonInviteDisabledDuringEnableAllFeatures            HandshakeConstraintViolationExceptionReason = "INVITE_DISABLED_DURING_ENABLE_ALL_FEATURES"
	HandshakeConstraintViolationExceptionReasonPaymentInstrumentRequired                        HandshakeConstraintViolationExceptionReason = "PAYMENT_INSTRUMENT_REQUIRED"
	HandshakeConstraintViolationExceptionReasonOrganizationFromDifferentSellerOfRecord          HandshakeConstraintViolationExceptionReason = "ORGANIZATION_FROM_DIFFERENT_SELLER_OF_RECORD"
	HandshakeConstraintViolationExceptionReasonOrganizationMembershipChangeRateLimitExceeded    HandshakeConstraintViolationExceptionReason = "ORGANIZATION_MEMBERSHIP_CHANGE_RATE_LIMIT_EXCEEDED"
	HandshakeConstraintViolationExceptionReasonManagementAccountEmailNotVerified                HandshakeConstraintViolationExceptionReason = "MANAGEMENT_ACCOUNT_EMAIL_NOT_VERIFIED"
	HandshakeConstraintViolationExceptionReasonResponsibilityTransferAlreadyExists              HandshakeConstraintViolationExceptionReason = "RESPONSIBILITY_TRANSFER_ALREADY_EXISTS"
	HandshakeConstraintViolationExceptionReasonSourceAndTargetCannotMatch                       HandshakeConstraintViolationExceptionReason = "SOURCE_AND_TARGET_CANNOT_MATCH"
	HandshakeConstraintViolationExceptionReasonUnusedPrepaymentBalance                          HandshakeConstraintViolationExceptionReason = "UNUSED_PREPAYMENT_BALANCE"
	HandshakeConstraintViolationExceptionReasonLegacyPermissionsStillInUse                      HandshakeConstraintViolationExceptionReason = "LEGACY_PERMISSIONS_STILL_IN_USE"
)

// Values lists every HandshakeConstraintViolationExceptionReason value.
func (HandshakeConstraintViolationExceptionReason) Values() []HandshakeConstraintViolationExceptionReason {
	return []HandshakeConstraintViolationExceptionReason{
		HandshakeConstraintViolationExceptionReasonAccountNumberLimitExceeded,
		HandshakeConstraintViolationExceptionReasonHandshakeRateLimitExceeded,
		HandshakeConstraintViolationExceptionReasonAlreadyInAnOrganization,
		HandshakeConstraintViolationExceptionReasonOrganizationAlreadyHasAllFeatures,
		HandshakeConstraintViolationExceptionReasonOrganizationIsAlreadyPendingAllFeaturesMigration,
		HandshakeConstraintViolationExceptionReasonInviteDisabledDuringEnableAllFeatures,
		HandshakeConstraintViolationExceptionReasonPaymentInstrumentRequired,
		HandshakeConstraintViolationExceptionReasonOrganizationFromDifferentSellerOfRecord,
		HandshakeConstraintViolationExceptionReasonOrganizationMembershipChangeRateLimitExceeded,
		HandshakeConstraintViolationExceptionReasonManagementAccountEmailNotVerified,
		HandshakeConstraintViolationExceptionReasonResponsibilityTransferAlreadyExists,
		HandshakeConstraintViolationExceptionReasonSourceAndTargetCannotMatch,
		HandshakeConstraintViolationExceptionReasonUnusedPrepaymentBalance,
		HandshakeConstraintViolationExceptionReasonLegacyPermissionsStillInUse,
	}
}

// HandshakePartyType is the type of a handshake party.
type HandshakePartyType string

// HandshakePartyType values.
const (
	HandshakePartyTypeAccount      HandshakePartyType = "ACCOUNT"
	HandshakePartyTypeOrganization HandshakePartyType = "ORGANIZATION"
	HandshakePartyTypeEmail        HandshakePartyType = "EMAIL"
)

// Values lists every HandshakePartyType value.
func (HandshakePartyType) Values() []HandshakePartyType {
	return []HandshakePartyType{
		HandshakePartyTypeAccount,
		HandshakePartyTypeOrganization,
		HandshakePartyTypeEmail,
	}
}

// HandshakeResourceType is the type of a handshake resource.
type HandshakeResourceType string

// HandshakeResourceType values.
const (
	HandshakeResourceTypeAccount                HandshakeResourceType = "ACCOUNT"
	HandshakeResourceTypeOrganization           HandshakeResourceType = "ORGANIZATION"
	HandshakeResourceTypeOrganizationFeatureSet HandshakeResourceType = "ORGANIZATION_FEATURE_SET"
	HandshakeResourceTypeEmail                  HandshakeResourceType = "EMAIL"
	HandshakeResourceTypeMasterEmail            HandshakeResourceType = "MASTER_EMAIL"
	HandshakeResourceTypeMasterName             HandshakeResourceType = "MASTER_NAME"
	HandshakeResourceTypeNotes                  HandshakeResourceType = "NOTES"
	HandshakeResourceTypeParentHandshake        HandshakeResourceType = "PARENT_HANDSHAKE"
	HandshakeResourceTypeResponsibilityTransfer HandshakeResourceType = "RESPONSIBILITY_TRANSFER"
	HandshakeResourceTypeTransferStartTimestamp HandshakeResourceType = "TRANSFER_START_TIMESTAMP"
	HandshakeResourceTypeTransferType           HandshakeResourceType = "TRANSFER_TYPE"
	HandshakeResourceTypeManagementAccount      HandshakeResourceType = "MANAGEMENT_ACCOUNT"
	HandshakeResourceTypeManagementEmail        HandshakeResourceType = "MANAGEMENT_EMAIL"
	HandshakeResourceTypeManagementName         HandshakeResourceType = "MANAGEMENT_NAME"
)

// Values lists every HandshakeResourceType value.
func (HandshakeResourceType) Values() []HandshakeResourceType {
	return []HandshakeResourceType{
		HandshakeResourceTypeAccount,
		HandshakeResourceTypeOrganization,
		HandshakeResourceTypeOrganizationFeatureSet,
		HandshakeResourceTypeEmail,
		HandshakeResourceTypeMasterEmail,
		HandshakeResourceTypeMasterName,
		HandshakeResourceTypeNotes,
		HandshakeResourceTypeParentHandshake,
		HandshakeResourceTypeResponsibilityTransfer,
		HandshakeResourceTypeTransferStartTimestamp,
		HandshakeResourceTypeTransferType,
		HandshakeResourceTypeManagementAccount,
		HandshakeResourceTypeManagementEmail,
		HandshakeResourceTypeManagementName,
	}
}

// HandshakeState is the state of a handshake.
type HandshakeState string

// HandshakeState values.
const (
	HandshakeStateRequested HandshakeState = "REQUESTED"
	HandshakeStateOpen      HandshakeState = "OPEN"
	HandshakeStateCanceled  HandshakeState = "CANCELED"
	HandshakeStateAccepted  HandshakeState = "ACCEPTED"
	HandshakeStateDeclined  HandshakeState = "DECLINED"
	HandshakeStateExpired   HandshakeState = "EXPIRED"
)

// Values lists every HandshakeState value.
func (HandshakeState) Values() []HandshakeState {
	return []HandshakeState{
		HandshakeStateRequested,
		HandshakeStateOpen,
		HandshakeStateCanceled,
		HandshakeStateAccepted,
		HandshakeStateDeclined,
		HandshakeStateExpired,
	}
}

// IAMUserAccessToBilling is whether IAM users and roles of a new account may see its billing information.
type IAMUserAccessToBilling string

// IAMUserAccessToBilling values.
const (
	IAMUserAccessToBillingAllow IAMUserAccessToBilling = "ALLOW"
	IAMUserAccessToBillingDeny  IAMUserAccessToBilling = "DENY"
)

// Values lists every IAMUserAccessToBilling value.
func (IAMUserAccessToBilling) Values() []IAMUserAccessToBilling {
	return []IAMUserAccessToBilling{
		IAMUserAccessToBillingAllow,
		IAMUserAccessToBillingDeny,
	}
}

// InvalidInputExceptionReason is the Reason of an InvalidInputException.
type InvalidInputExceptionReason string

// InvalidInputExceptionReason values.
const (
	InvalidInputExceptionReasonInvalidPartyTypeTarget                    InvalidInputExceptionReason = "INVALID_PARTY_TYPE_TARGET"
	InvalidInputExceptionReasonInvalidSyntaxOrganizationArn              InvalidInputExceptionReason = "INVALID_SYNTAX_ORGANIZATION_ARN"
	InvalidInputExceptionReasonInvalidSyntaxPolicyId                     InvalidInputExceptionReason = "INVALID_SYNTAX_POLICY_ID"
	InvalidInputExceptionReasonInvalidEnum                               InvalidInputExceptionReason = "INVALID_ENUM"
	InvalidInputExceptionReasonInvalidEnumPolicyType                     InvalidInputExceptionReason = "INVALID_ENUM_POLICY_TYPE"
	InvalidInputExceptionReasonInvalidListMember                         InvalidInputExceptionReason = "INVALID_LIST_MEMBER"
	InvalidInputExceptionReasonMaxLengthExceeded                         InvalidInputExceptionReason = "MAX_LENGTH_EXCEEDED"
	InvalidInputExceptionReasonMaxValueExceeded                          InvalidInputExceptionReason = "MAX_VALUE_EXCEEDED"
	InvalidInputExceptionReasonMinLengthExceeded                         InvalidInputExceptionReason = "MIN_LENGTH_EXCEEDED"
	InvalidInputExceptionReasonMinValueExceeded                          InvalidInputExceptionReason = "MIN_VALUE_EXCEEDED"
	InvalidInputExceptionReasonImmutablePolicy                           InvalidInputExceptionReason = "IMMUTABLE_POLICY"
	InvalidInputExceptionReasonInvalidPattern                            InvalidInputExceptionReason = "INVALID_PATTERN"
	InvalidInputExceptionReasonInvalidPatternTargetId                    InvalidInputExceptionReason = "INVALID_PATTERN_TARGET_ID"
	InvalidInputExceptionReasonInputRequired                             InvalidInputExceptionReason = "INPUT_REQUIRED"
	InvalidInputExceptionReasonInvalidNextToken                          InvalidInputExceptionReason = "INVALID_NEXT_TOKEN"
	InvalidInputExceptionReasonMaxLimitExceededFilter                    InvalidInputExceptionReason = "MAX_LIMIT_EXCEEDED_FILTER"
	InvalidInputExceptionReasonMovingAccountBetweenDifferentRoots        InvalidInputExceptionReason = "MOVING_ACCOUNT_BETWEEN_DIFFERENT_ROOTS"
	InvalidInputExceptionReasonInvalidFullNameTarget                     InvalidInputExceptionReason = "INVALID_FULL_NAME_TARGET"
	InvalidInputExceptionReasonUnrecognizedServicePrincipal              InvalidInputExceptionReason = "UNRECOGNIZED_SERVICE_PRINCIPAL"
	InvalidInputExceptionReasonInvalidRoleName                           InvalidInputExceptionReason = "INVALID_ROLE_NAME"
	InvalidInputExceptionReasonInvalidSystemTagsParameter                InvalidInputExceptionReason = "INVALID_SYSTEM_TAGS_PARAMETER"
	InvalidInputExceptionReasonDuplicateTagKey                           InvalidInputExceptionReason = "DUPLICATE_TAG_KEY"
	InvalidInputExceptionReasonTargetNotSupported                        InvalidInputExceptionReason = "TARGET_NOT_SUPPORTED"
	InvalidInputExceptionReasonInvalidEmailAddressTarget                 InvalidInputExceptionReason = "INVALID_EMAIL_ADDRESS_TARGET"
	InvalidInputExceptionReasonInvalidResourcePolicyJson                 InvalidInputExceptionReason = "INVALID_RESOURCE_POLICY_JSON"
	InvalidInputExceptionReasonInvalidPrincipal                          InvalidInputExceptionReason = "INVALID_PRINCIPAL"
	InvalidInputExceptionReasonUnsupportedActionInResourcePolicy         InvalidInputExceptionReason = "UNSUPPORTED_ACTION_IN_RESOURCE_POLICY"
	InvalidInputExceptionReasonUnsupportedPolicyTypeInResourcePolicy     InvalidInputExceptionReason = "UNSUPPORTED_POLICY_TYPE_IN_RESOURCE_POLICY"
	InvalidInputExceptionReasonUnsupportedResourceInResourcePolicy       InvalidInputExceptionReason = "UNSUPPORTED_RESOURCE_IN_RESOURCE_POLICY"
	InvalidInputExceptionReasonNonDetachablePolicy                       InvalidInputExceptionReason = "NON_DETACHABLE_POLICY"
	InvalidInputExceptionReasonCallerRequiredFieldMissing                InvalidInputExceptionReason = "CALLER_REQUIRED_FIELD_MISSING"
	InvalidInputExceptionReasonUnsupportedActionInResponsibilityTransfer InvalidInputExceptionReason = "UNSUPPORTED_ACTION_IN_RESPONSIBILITY_TRANSFER"
	InvalidInputExceptionReasonStartDateNotBeginningOfMonth              InvalidInputExceptionReason = "START_DATE_NOT_BEGINNING_OF_MONTH"
	InvalidInputExceptionReasonStartDateNotBeginningOfDay                InvalidInputExceptionReason = "START_DATE_NOT_BEGINNING_OF_DAY"
	InvalidInputExceptionReasonStartDateTooEarly                         InvalidInputExceptionReason = "START_DATE_TOO_EARLY"
	InvalidInputExceptionReasonStartDateTooLate                          InvalidInputExceptionReason = "START_DATE_TOO_LATE"
	InvalidInputExceptionReasonInvalidStartDate                          InvalidInputExceptionReason = "INVALID_START_DATE"
	InvalidInputExceptionReasonEndDateNotEndOfMonth                      InvalidInputExceptionReason = "END_DATE_NOT_END_OF_MONTH"
	InvalidInputExceptionReasonEndDateTooEarly                           InvalidInputExceptionReason = "END_DATE_TOO_EARLY"
	InvalidInputExceptionReasonInvalidEndDate                            InvalidInputExceptionReason = "INVALID_END_DATE"
)

// Values lists every InvalidInputExceptionReason value.
func (InvalidInputExceptionReason) Values() []InvalidInputExceptionReason {
	return []InvalidInputExceptionReason{
		InvalidInputExceptionReasonInvalidPartyTypeTarget,
		InvalidInputExceptionReasonInvalidSyntaxOrganizationArn,
		InvalidInputExceptionReasonInvalidSyntaxPolicyId,
		InvalidInputExceptionReasonInvalidEnum,
		InvalidInputExceptionReasonInvalidEnumPolicyType,
		InvalidInputExceptionReasonInvalidListMember,
		InvalidInputExceptionReasonMaxLengthExceeded,
		InvalidInputExceptionReasonMaxValueExceeded,
		InvalidInputExceptionReasonMinLengthExceeded,
		InvalidInputExceptionReasonMinValueExceeded,
		InvalidInputExceptionReasonImmutablePolicy,
		InvalidInputExceptionReasonInvalidPattern,
		InvalidInputExceptionReasonInvalidPatternTargetId,
		InvalidInputExceptionReasonInputRequired,
		InvalidInputExceptionReasonInvalidNextToken,
		InvalidInputExceptionReasonMaxLimitExceededFilter,
		InvalidInputExceptionReasonMovingAccountBetweenDifferentRoots,
		InvalidInputExceptionReasonInvalidFullNameTarget,
		InvalidInputExceptionReasonUnrecognizedServicePrincipal,
		InvalidInputExceptionReasonInvalidRoleName,
		InvalidInputExceptionReasonInvalidSystemTagsParameter,
		InvalidInputExceptionReasonDuplicateTagKey,
		InvalidInputExceptionReasonTargetNotSupported,
		InvalidInputExceptionReasonInvalidEmailAddressTarget,
		InvalidInputExceptionReasonInvalidResourcePolicyJson,
		InvalidInputExceptionReasonInvalidPrincipal,
		InvalidInputExceptionReasonUnsupportedActionInResourcePolicy,
		InvalidInputExceptionReasonUnsupportedPolicyTypeInResourcePolicy,
		InvalidInputExceptionReasonUnsupportedResourceInResourcePolicy,
		InvalidInputExceptionReasonNonDetachablePolicy,
		InvalidInputExceptionReasonCallerRequiredFieldMissing,
		InvalidInputExceptionReasonUnsupportedActionInResponsibilityTransfer,
		InvalidInputExceptionReasonStartDateNotBeginningOfMonth,
		InvalidInputExceptionReasonStartDateNotBeginningOfDay,
		InvalidInputExceptionReasonStartDateTooEarly,
		InvalidInputExceptionReasonStartDateTooLate,
		InvalidInputExceptionReasonInvalidStartDate,
		InvalidInputExceptionReasonEndDateNotEndOfMonth,
		InvalidInputExceptionReasonEndDateTooEarly,
		InvalidInputExceptionReasonInvalidEndDate,
	}
}

// OrganizationFeatureSet is the feature set of an organization.
type OrganizationFeatureSet string

// OrganizationFeatureSet values.
const (
	OrganizationFeatureSetAll                 OrganizationFeatureSet = "ALL"
	OrganizationFeatureSetConsolidatedBilling OrganizationFeatureSet = "CONSOLIDATED_BILLING"
)

// Values lists every OrganizationFeatureSet value.
func (OrganizationFeatureSet) Values() []OrganizationFeatureSet {
	return []OrganizationFeatureSet{
		OrganizationFeatureSetAll,
		OrganizationFeatureSetConsolidatedBilling,
	}
}

// ParentType is the type of a parent of an account or OU.
type ParentType string

// ParentType values.
const (
	ParentTypeRoot               ParentType = "ROOT"
	ParentTypeOrganizationalUnit ParentType = "ORGANIZATIONAL_UNIT"
)

// Values lists every ParentType value.
func (ParentType) Values() []ParentType {
	return []ParentType{
		ParentTypeRoot,
		ParentTypeOrganizationalUnit,
	}
}

// PolicyType is the type of an Organizations policy. This package models SERVICE_CONTROL_POLICY and RESOURCE_CONTROL_POLICY; the others are listed for completeness.
type PolicyType string

// PolicyType values.
const (
	PolicyTypeServiceControlPolicy          PolicyType = "SERVICE_CONTROL_POLICY"
	PolicyTypeResourceControlPolicy         PolicyType = "RESOURCE_CONTROL_POLICY"
	PolicyTypeTagPolicy                     PolicyType = "TAG_POLICY"
	PolicyTypeBackupPolicy                  PolicyType = "BACKUP_POLICY"
	PolicyTypeAiservicesOptOutPolicy        PolicyType = "AISERVICES_OPT_OUT_POLICY"
	PolicyTypeChatbotPolicy                 PolicyType = "CHATBOT_POLICY"
	PolicyTypeDeclarativePolicyEc2          PolicyType = "DECLARATIVE_POLICY_EC2"
	PolicyTypeSecurityhubPolicy             PolicyType = "SECURITYHUB_POLICY"
	PolicyTypeInspectorPolicy               PolicyType = "INSPECTOR_POLICY"
	PolicyTypeUpgradeRolloutPolicy          PolicyType = "UPGRADE_ROLLOUT_POLICY"
	PolicyTypeBedrockPolicy                 PolicyType = "BEDROCK_POLICY"
	PolicyTypeS3Policy                      PolicyType = "S3_POLICY"
	PolicyTypeNetworkSecurityDirectorPolicy PolicyType = "NETWORK_SECURITY_DIRECTOR_POLICY"
)

// Values lists every PolicyType value.
func (PolicyType) Values() []PolicyType {
	return []PolicyType{
		PolicyTypeServiceControlPolicy,
		PolicyTypeResourceControlPolicy,
		PolicyTypeTagPolicy,
		PolicyTypeBackupPolicy,
		PolicyTypeAiservicesOptOutPolicy,
		PolicyTypeChatbotPolicy,
		PolicyTypeDeclarativePolicyEc2,
		PolicyTypeSecurityhubPolicy,
		PolicyTypeInspectorPolicy,
		PolicyTypeUpgradeRolloutPolicy,
		PolicyTypeBedrockPolicy,
		PolicyTypeS3Policy,
		PolicyTypeNetworkSecurityDirectorPolicy,
	}
}

// PolicyTypeStatus is the status of a policy type in a root.
type PolicyTypeStatus string

// PolicyTypeStatus values.
const (
	PolicyTypeStatusEnabled        PolicyTypeStatus = "ENABLED"
	PolicyTypeStatusPendingEnable  PolicyTypeStatus = "PENDING_ENABLE"
	PolicyTypeStatusPendingDisable PolicyTypeStatus = "PENDING_DISABLE"
)

// Values lists every PolicyTypeStatus value.
func (PolicyTypeStatus) Values() []PolicyTypeStatus {
	return []PolicyTypeStatus{
		PolicyTypeStatusEnabled,
		PolicyTypeStatusPendingEnable,
		PolicyTypeStatusPendingDisable,
	}
}

// TargetType is the type of a policy target.
type TargetType string

// TargetType values.
const (
	TargetTypeAccount            TargetType = "ACCOUNT"
	TargetTypeOrganizationalUnit TargetType = "ORGANIZATIONAL_UNIT"
	TargetTypeRoot               TargetType = "ROOT"
)

// Values lists every TargetType value.
func (TargetType) Values() []TargetType {
	return []TargetType{
		TargetTypeAccount,
		TargetTypeOrganizationalUnit,
		TargetTypeRoot,
	}
}

// AccessDeniedForDependencyExceptionReason is the Reason of an AccessDeniedForDependencyException.
type AccessDeniedForDependencyExceptionReason string

// AccessDeniedForDependencyExceptionReason values.
const (
	AccessDeniedForDependencyExceptionReasonAccessDeniedDuringCreateServiceLinkedRole AccessDeniedForDependencyExceptionReason = "ACCESS_DENIED_DURING_CREATE_SERVICE_LINKED_ROLE"
)

// Values lists every AccessDeniedForDependencyExceptionReason value.
func (AccessDeniedForDependencyExceptionReason) Values() []AccessDeniedForDependencyExceptionReason {
	return []AccessDeniedForDependencyExceptionReason{
		AccessDeniedForDependencyExceptionReasonAccessDeniedDuringCreateServiceLinkedRole,
	}
}
