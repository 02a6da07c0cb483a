// The Inspector Classic enums, with the values of the 2016-02-16 service
// model and the names aws-sdk-go-v2 gives them.

package classic

// AccessDeniedErrorCode is the Inspector Classic AccessDeniedErrorCode enum.
type AccessDeniedErrorCode string

// AccessDeniedErrorCode values.
const (
	AccessDeniedErrorCodeAccessDeniedToAssessmentTarget   AccessDeniedErrorCode = "ACCESS_DENIED_TO_ASSESSMENT_TARGET"
	AccessDeniedErrorCodeAccessDeniedToAssessmentTemplate AccessDeniedErrorCode = "ACCESS_DENIED_TO_ASSESSMENT_TEMPLATE"
	AccessDeniedErrorCodeAccessDeniedToAssessmentRun      AccessDeniedErrorCode = "ACCESS_DENIED_TO_ASSESSMENT_RUN"
	AccessDeniedErrorCodeAccessDeniedToFinding            AccessDeniedErrorCode = "ACCESS_DENIED_TO_FINDING"
	AccessDeniedErrorCodeAccessDeniedToResourceGroup      AccessDeniedErrorCode = "ACCESS_DENIED_TO_RESOURCE_GROUP"
	AccessDeniedErrorCodeAccessDeniedToRulesPackage       AccessDeniedErrorCode = "ACCESS_DENIED_TO_RULES_PACKAGE"
	AccessDeniedErrorCodeAccessDeniedToSnsTopic           AccessDeniedErrorCode = "ACCESS_DENIED_TO_SNS_TOPIC"
	AccessDeniedErrorCodeAccessDeniedToIamRole            AccessDeniedErrorCode = "ACCESS_DENIED_TO_IAM_ROLE"
)

// Values lists every AccessDeniedErrorCode.
func (AccessDeniedErrorCode) Values() []AccessDeniedErrorCode {
	return []AccessDeniedErrorCode{
		AccessDeniedErrorCodeAccessDeniedToAssessmentTarget,
		AccessDeniedErrorCodeAccessDeniedToAssessmentTemplate,
		AccessDeniedErrorCodeAccessDeniedToAssessmentRun,
		AccessDeniedErrorCodeAccessDeniedToFinding,
		AccessDeniedErrorCodeAccessDeniedToResourceGroup,
		AccessDeniedErrorCodeAccessDeniedToRulesPackage,
		AccessDeniedErrorCodeAccessDeniedToSnsTopic,
		AccessDeniedErrorCodeAccessDeniedToIamRole,
	}
}

// AgentHealth is the Inspector Classic AgentHealth enum.
type AgentHealth string

// AgentHealth values.
const (
	AgentHealthHealthy   AgentHealth = "HEALTHY"
	AgentHealthUnhealthy AgentHealth = "UNHEALTHY"
	AgentHealthUnknown   AgentHealth = "UNKNOWN"
)

// Values lists every AgentHealth.
func (AgentHealth) Values() []AgentHealth {
	return []AgentHealth{
		AgentHealthHealthy,
		AgentHealthUnhealthy,
		AgentHealthUnknown,
	}
}

// AgentHealthCode is the Inspector Classic AgentHealthCode enum.
type AgentHealthCode string

// AgentHealthCode values.
const (
	AgentHealthCodeIdle      AgentHealthCode = "IDLE"
	AgentHealthCodeRunning   AgentHealthCode = "RUNNING"
	AgentHealthCodeShutdown  AgentHealthCode = "SHUTDOWN"
	AgentHealthCodeUnhealthy AgentHealthCode = "UNHEALTHY"
	AgentHealthCodeThrottled AgentHealthCode = "THROTTLED"
	AgentHealthCodeUnknown   AgentHealthCode = "UNKNOWN"
)

// Values lists every AgentHealthCode.
func (AgentHealthCode) Values() []AgentHealthCode {
	return []AgentHealthCode{
		AgentHealthCodeIdle,
		AgentHealthCodeRunning,
		AgentHealthCodeShutdown,
		AgentHealthCodeUnhealthy,
		AgentHealthCodeThrottled,
		AgentHealthCodeUnknown,
	}
}

// AssessmentRunNotificationSnsStatusCode is the Inspector Classic AssessmentRunNotificationSnsStatusCode enum.
type AssessmentRunNotificationSnsStatusCode string

// AssessmentRunNotificationSnsStatusCode values.
const (
	AssessmentRunNotificationSnsStatusCodeSuccess           AssessmentRunNotificationSnsStatusCode = "SUCCESS"
	AssessmentRunNotificationSnsStatusCodeTopicDoesNotExist AssessmentRunNotificationSnsStatusCode = "TOPIC_DOES_NOT_EXIST"
	AssessmentRunNotificationSnsStatusCodeAccessDenied      AssessmentRunNotificationSnsStatusCode = "ACCESS_DENIED"
	AssessmentRunNotificationSnsStatusCodeInternalError     AssessmentRunNotificationSnsStatusCode = "INTERNAL_ERROR"
)

// Values lists every AssessmentRunNotificationSnsStatusCode.
func (AssessmentRunNotificationSnsStatusCode) Values() []AssessmentRunNotificationSnsStatusCode {
	return []AssessmentRunNotificationSnsStatusCode{
		AssessmentRunNotificationSnsStatusCodeSuccess,
		AssessmentRunNotificationSnsStatusCodeTopicDoesNotExist,
		AssessmentRunNotificationSnsStatusCodeAccessDenied,
		AssessmentRunNotificationSnsStatusCodeInternalError,
	}
}

// AssessmentRunState is the Inspector Classic AssessmentRunState enum.
type AssessmentRunState string

// AssessmentRunState values.
const (
	AssessmentRunStateCreated                       AssessmentRunState = "CREATED"
	AssessmentRunStateStartDataCollectionPending    AssessmentRunState = "START_DATA_COLLECTION_PENDING"
	AssessmentRunStateStartDataCollectionInProgress AssessmentRunState = "START_DATA_COLLECTION_IN_PROGRESS"
	AssessmentRunStateCollectingData                AssessmentRunState = "COLLECTING_DATA"
	AssessmentRunStateStopDataCollectionPending     AssessmentRunState = "STOP_DATA_COLLECTION_PENDING"
	AssessmentRunStateDataCollected                 AssessmentRunState = "DATA_COLLECTED"
	AssessmentRunStateStartEvaluatingRulesPending   AssessmentRunState = "START_EVALUATING_RULES_PENDING"
	AssessmentRunStateEvaluatingRules               AssessmentRunState = "EVALUATING_RULES"
	AssessmentRunStateFailed                        AssessmentRunState = "FAILED"
	AssessmentRunStateError                         AssessmentRunState = "ERROR"
	AssessmentRunStateCompleted                     AssessmentRunState = "COMPLETED"
	AssessmentRunStateCompletedWithErrors           AssessmentRunState = "COMPLETED_WITH_ERRORS"
	AssessmentRunStateCanceled                      AssessmentRunState = "CANCELED"
)

// Values lists every AssessmentRunState.
func (AssessmentRunState) Values() []AssessmentRunState {
	return []AssessmentRunState{
		AssessmentRunStateCreated,
		AssessmentRunStateStartDataCollectionPending,
		AssessmentRunStateStartDataCollectionInProgress,
		AssessmentRunStateCollectingData,
		AssessmentRunStateStopDataCollectionPending,
		AssessmentRunStateDataCollected,
		AssessmentRunStateStartEvaluatingRulesPending,
		AssessmentRunStateEvaluatingRules,
		AssessmentRunStateFailed,
		AssessmentRunStateError,
		AssessmentRunStateCompleted,
		AssessmentRunStateCompletedWithErrors,
		AssessmentRunStateCanceled,
	}
}

// AssetType is the Inspector Classic AssetType enum.
type AssetType string

// AssetType values.
const (
	AssetTypeEc2Instance AssetType = "ec2-instance"
)

// Values lists every AssetType.
func (AssetType) Values() []AssetType {
	return []AssetType{
		AssetTypeEc2Instance,
	}
}

// FailedItemErrorCode is the Inspector Classic FailedItemErrorCode enum.
type FailedItemErrorCode string

// FailedItemErrorCode values.
const (
	FailedItemErrorCodeInvalidArn       FailedItemErrorCode = "INVALID_ARN"
	FailedItemErrorCodeDuplicateArn     FailedItemErrorCode = "DUPLICATE_ARN"
	FailedItemErrorCodeItemDoesNotExist FailedItemErrorCode = "ITEM_DOES_NOT_EXIST"
	FailedItemErrorCodeAccessDenied     FailedItemErrorCode = "ACCESS_DENIED"
	FailedItemErrorCodeLimitExceeded    FailedItemErrorCode = "LIMIT_EXCEEDED"
	FailedItemErrorCodeInternalError    FailedItemErrorCode = "INTERNAL_ERROR"
)

// Values lists every FailedItemErrorCode.
func (FailedItemErrorCode) Values() []FailedItemErrorCode {
	return []FailedItemErrorCode{
		FailedItemErrorCodeInvalidArn,
		FailedItemErrorCodeDuplicateArn,
		FailedItemErrorCodeItemDoesNotExist,
		FailedItemErrorCodeAccessDenied,
		FailedItemErrorCodeLimitExceeded,
		FailedItemErrorCodeInternalError,
	}
}

// InspectorEvent is the Inspector Classic InspectorEvent enum.
type InspectorEvent string

// InspectorEvent values.
const (
	InspectorEventAssessmentRunStarted      InspectorEvent = "ASSESSMENT_RUN_STARTED"
	InspectorEventAssessmentRunCompleted    InspectorEvent = "ASSESSMENT_RUN_COMPLETED"
	InspectorEventAssessmentRunStateChanged InspectorEvent = "ASSESSMENT_RUN_STATE_CHANGED"
	InspectorEventFindingReported           InspectorEvent = "FINDING_REPORTED"
	InspectorEventOther                     InspectorEvent = "OTHER"
)

// Values lists every InspectorEvent.
func (InspectorEvent) Values() []InspectorEvent {
	return []InspectorEvent{
		InspectorEventAssessmentRunStarted,
		InspectorEventAssessmentRunCompleted,
		InspectorEventAssessmentRunStateChanged,
		InspectorEventFindingReported,
		InspectorEventOther,
	}
}

// InvalidCrossAccountRoleErrorCode is the Inspector Classic InvalidCrossAccountRoleErrorCode enum.
type InvalidCrossAccountRoleErrorCode string

// InvalidCrossAccountRoleErrorCode values.
const (
	InvalidCrossAccountRoleErrorCodeRoleDoesNotExistOrInvalidTrustRelationship InvalidCrossAccountRoleErrorCode = "ROLE_DOES_NOT_EXIST_OR_INVALID_TRUST_RELATIONSHIP"
	InvalidCrossAccountRoleErrorCodeRoleDoesNotHaveCorrectPolicy               InvalidCrossAccountRoleErrorCode = "ROLE_DOES_NOT_HAVE_CORRECT_POLICY"
)

// Values lists every InvalidCrossAccountRoleErrorCode.
func (InvalidCrossAccountRoleErrorCode) Values() []InvalidCrossAccountRoleErrorCode {
	return []InvalidCrossAccountRoleErrorCode{
		InvalidCrossAccountRoleErrorCodeRoleDoesNotExistOrInvalidTrustRelationship,
		InvalidCrossAccountRoleErrorCodeRoleDoesNotHaveCorrectPolicy,
	}
}

// InvalidInputErrorCode is the Inspector Classic InvalidInputErrorCode enum.
type InvalidInputErrorCode string

// InvalidInputErrorCode values.
const (
	InvalidInputErrorCodeInvalidAssessmentTargetArn               InvalidInputErrorCode = "INVALID_ASSESSMENT_TARGET_ARN"
	InvalidInputErrorCodeInvalidAssessmentTemplateArn             InvalidInputErrorCode = "INVALID_ASSESSMENT_TEMPLATE_ARN"
	InvalidInputErrorCodeInvalidAssessmentRunArn                  InvalidInputErrorCode = "INVALID_ASSESSMENT_RUN_ARN"
	InvalidInputErrorCodeInvalidFindingArn                        InvalidInputErrorCode = "INVALID_FINDING_ARN"
	InvalidInputErrorCodeInvalidResourceGroupArn                  InvalidInputErrorCode = "INVALID_RESOURCE_GROUP_ARN"
	InvalidInputErrorCodeInvalidRulesPackageArn                   InvalidInputErrorCode = "INVALID_RULES_PACKAGE_ARN"
	InvalidInputErrorCodeInvalidResourceArn                       InvalidInputErrorCode = "INVALID_RESOURCE_ARN"
	InvalidInputErrorCodeInvalidSnsTopicArn                       InvalidInputErrorCode = "INVALID_SNS_TOPIC_ARN"
	InvalidInputErrorCodeInvalidIamRoleArn                        InvalidInputErrorCode = "INVALID_IAM_ROLE_ARN"
	InvalidInputErrorCodeInvalidAssessmentTargetName              InvalidInputErrorCode = "INVALID_ASSESSMENT_TARGET_NAME"
	InvalidInputErrorCodeInvalidAssessmentTargetNamePattern       InvalidInputErrorCode = "INVALID_ASSESSMENT_TARGET_NAME_PATTERN"
	InvalidInputErrorCodeInvalidAssessmentTemplateName            InvalidInputErrorCode = "INVALID_ASSESSMENT_TEMPLATE_NAME"
	InvalidInputErrorCodeInvalidAssessmentTemplateNamePattern     InvalidInputErrorCode = "INVALID_ASSESSMENT_TEMPLATE_NAME_PATTERN"
	InvalidInputErrorCodeInvalidAssessmentTemplateDuration        InvalidInputErrorCode = "INVALID_ASSESSMENT_TEMPLATE_DURATION"
	InvalidInputErrorCodeInvalidAssessmentTemplateDurationRange   InvalidInputErrorCode = "INVALID_ASSESSMENT_TEMPLATE_DURATION_RANGE"
	InvalidInputErrorCodeInvalidAssessmentRunDurationRange        InvalidInputErrorCode = "INVALID_ASSESSMENT_RUN_DURATION_RANGE"
	InvalidInputErrorCodeInvalidAssessmentRunStartTimeRange       InvalidInputErrorCode = "INVALID_ASSESSMENT_RUN_START_TIME_RANGE"
	InvalidInputErrorCodeInvalidAssessmentRunCompletionTimeRange  InvalidInputErrorCode = "INVALID_ASSESSMENT_RUN_COMPLETION_TIME_RANGE"
	InvalidInputErrorCodeInvalidAssessmentRunStateChangeTimeRange InvalidInputErrorCode = "INVALID_ASSESSMENT_RUN_STATE_CHANGE_TIME_RANGE"
	InvalidInputErrorCodeInvalidAssessmentRunState                InvalidInputErrorCode = "INVALID_ASSESSMENT_RUN_STATE"
	InvalidInputErrorCodeInvalidTag                               InvalidInputErrorCode = "INVALID_TAG"
	InvalidInputErrorCodeInvalidTagKey                            InvalidInputErrorCode = "INVALID_TAG_KEY"
	InvalidInputErrorCodeInvalidTagValue                          InvalidInputErrorCode = "INVALID_TAG_VALUE"
	InvalidInputErrorCodeInvalidResourceGroupTagKey               InvalidInputErrorCode = "INVALID_RESOURCE_GROUP_TAG_KEY"
	InvalidInputErrorCodeInvalidResourceGroupTagValue             InvalidInputErrorCode = "INVALID_RESOURCE_GROUP_TAG_VALUE"
	InvalidInputErrorCodeInvalidAttribute                         InvalidInputErrorCode = "INVALID_ATTRIBUTE"
	InvalidInputErrorCodeInvalidUserAttribute                     InvalidInputErrorCode = "INVALID_USER_ATTRIBUTE"
	InvalidInputErrorCodeInvalidUserAttributeKey                  InvalidInputErrorCode = "INVALID_USER_ATTRIBUTE_KEY"
	InvalidInputErrorCodeInvalidUserAttributeValue                InvalidInputErrorCode = "INVALID_USER_ATTRIBUTE_VALUE"
	InvalidInputErrorCodeInvalidPaginationToken                   InvalidInputErrorCode = "INVALID_PAGINATION_TOKEN"
	InvalidInputErrorCodeInvalidMaxResults                        InvalidInputErrorCode = "INVALID_MAX_RESULTS"
	InvalidInputErrorCodeInvalidAgentId                           InvalidInputErrorCode = "INVALID_AGENT_ID"
	InvalidInputErrorCodeInvalidAutoScalingGroup                  InvalidInputErrorCode = "INVALID_AUTO_SCALING_GROUP"
	InvalidInputErrorCodeInvalidRuleName                          InvalidInputErrorCode = "INVALID_RULE_NAME"
	InvalidInputErrorCodeInvalidSeverity                          InvalidInputErrorCode = "INVALID_SEVERITY"
	InvalidInputErrorCodeInvalidLocale                            InvalidInputErrorCode = "INVALID_LOCALE"
	InvalidInputErrorCodeInvalidEvent                             InvalidInputErrorCode = "INVALID_EVENT"
	InvalidInputErrorCodeAssessmentTargetNameAlreadyTaken         InvalidInputErrorCode = "ASSESSMENT_TARGET_NAME_ALREADY_TAKEN"
	InvalidInputErrorCodeAssessmentTemplateNameAlreadyTaken       InvalidInputErrorCode = "ASSESSMENT_TEMPLATE_NAME_ALREADY_TAKEN"
	InvalidInputErrorCodeInvalidNumberOfAssessmentTargetArns      InvalidInputErrorCode = "INVALID_NUMBER_OF_ASSESSMENT_TARGET_ARNS"
	InvalidInputErrorCodeInvalidNumberOfAssessmentTemplateArns    InvalidInputErrorCode = "INVALID_NUMBER_OF_ASSESSMENT_TEMPLATE_ARNS"
	InvalidInputErrorCodeInvalidNumberOfAssessmentRunArns         InvalidInputErrorCode = "INVALID_NUMBER_OF_ASSESSMENT_RUN_ARNS"
	InvalidInputErrorCodeInvalidNumberOfFindingArns               InvalidInputErrorCode = "INVALID_NUMBER_OF_FINDING_ARNS"
	InvalidInputErrorCodeInvalidNumberOfResourceGroupArns         InvalidInputErrorCode = "INVALID_NUMBER_OF_RESOURCE_GROUP_ARNS"
	InvalidInputErrorCodeInvalidNumberOfRulesPackageArns          InvalidInputErrorCode = "INVALID_NUMBER_OF_RULES_PACKAGE_ARNS"
	InvalidInputErrorCodeInvalidNumberOfAssessmentRunStates       InvalidInputErrorCode = "INVALID_NUMBER_OF_ASSESSMENT_RUN_STATES"
	InvalidInputErrorCodeInvalidNumberOfTags                      InvalidInputErrorCode = "INVALID_NUMBER_OF_TAGS"
	InvalidInputErrorCodeInvalidNumberOfResourceGroupTags         InvalidInputErrorCode = "INVALID_NUMBER_OF_RESOURCE_GROUP_TAGS"
	InvalidInputErrorCodeInvalidNumberOfAttributes                InvalidInputErrorCode = "INVALID_NUMBER_OF_ATTRIBUTES"
	InvalidInputErrorCodeInvalidNumberOfUserAttributes            InvalidInputErrorCode = "INVALID_NUMBER_OF_USER_ATTRIBUTES"
	InvalidInputErrorCodeInvalidNumberOfAgentIds                  InvalidInputErrorCode = "INVALID_NUMBER_OF_AGENT_IDS"
	InvalidInputErrorCodeInvalidNumberOfAutoScalingGroups         InvalidInputErrorCode = "INVALID_NUMBER_OF_AUTO_SCALING_GROUPS"
	InvalidInputErrorCodeInvalidNumberOfRuleNames                 InvalidInputErrorCode = "INVALID_NUMBER_OF_RULE_NAMES"
	InvalidInputErrorCodeInvalidNumberOfSeverities                InvalidInputErrorCode = "INVALID_NUMBER_OF_SEVERITIES"
)

// Values lists every InvalidInputErrorCode.
func (InvalidInputErrorCode) Values() []InvalidInputErrorCode {
	return []InvalidInputErrorCode{
		InvalidInputErrorCodeInvalidAssessmentTargetArn,
		InvalidInputErrorCodeInvalidAssessmentTemplateArn,
		InvalidInputErrorCodeInvalidAssessmentRunArn,
		InvalidInputErrorCodeInvalidFindingArn,
		InvalidInputErrorCodeInvalidResourceGroupArn,
		InvalidInputErrorCodeInvalidRulesPackageArn,
		InvalidInputErrorCodeInvalidResourceArn,
		InvalidInputErrorCodeInvalidSnsTopicArn,
		InvalidInputErrorCodeInvalidIamRoleArn,
		InvalidInputErrorCodeInvalidAssessmentTargetName,
		InvalidInputErrorCodeInvalidAssessmentTargetNamePattern,
		InvalidInputErrorCodeInvalidAssessmentTemplateName,
		InvalidInputErrorCodeInvalidAssessmentTemplateNamePattern,
		InvalidInputErrorCodeInvalidAssessmentTemplateDuration,
		InvalidInputErrorCodeInvalidAssessmentTemplateDurationRange,
		InvalidInputErrorCodeInvalidAssessmentRunDurationRange,
		InvalidInputErrorCodeInvalidAssessmentRunStartTimeRange,
		InvalidInputErrorCodeInvalidAssessmentRunCompletionTimeRange,
		InvalidInputErrorCodeInvalidAssessmentRunStateChangeTimeRange,
		InvalidInputErrorCodeInvalidAssessmentRunState,
		InvalidInputErrorCodeInvalidTag,
		InvalidInputErrorCodeInvalidTagKey,
		InvalidInputErrorCodeInvalidTagValue,
		InvalidInputErrorCodeInvalidResourceGroupTagKey,
		InvalidInputErrorCodeInvalidResourceGroupTagValue,
		InvalidInputErrorCodeInvalidAttribute,
		InvalidInputErrorCodeInvalidUserAttribute,
		InvalidInputErrorCodeInvalidUserAttributeKey,
		InvalidInputErrorCodeInvalidUserAttributeValue,
		InvalidInputErrorCodeInvalidPaginationToken,
		InvalidInputErrorCodeInvalidMaxResults,
		InvalidInputErrorCodeInvalidAgentId,
		InvalidInputErrorCodeInvalidAutoScalingGroup,
		InvalidInputErrorCodeInvalidRuleName,
		InvalidInputErrorCodeInvalidSeverity,
		InvalidInputErrorCodeInvalidLocale,
		InvalidInputErrorCodeInvalidEvent,
		InvalidInputErrorCodeAssessmentTargetNameAlreadyTaken,
		InvalidInputErrorCodeAssessmentTemplateNameAlreadyTaken,
		InvalidInputErrorCodeInvalidNumberOfAssessmentTargetArns,
		InvalidInputErrorCodeInvalidNumberOfAssessmentTemplateArns,
		InvalidInputErrorCodeInvalidNumberOfAssessmentRunArns,
		InvalidInputErrorCodeInvalidNumberOfFindingArns,
		InvalidInputErrorCodeInvalidNumberOfResourceGroupArns,
		InvalidInputErrorCodeInvalidNumberOfRulesPackageArns,
		InvalidInputErrorCodeInvalidNumberOfAssessmentRunStates,
		InvalidInputErrorCodeInvalidNumberOfTags,
		InvalidInputErrorCodeInvalidNumberOfResourceGroupTags,
		InvalidInputErrorCodeInvalidNumberOfAttributes,
		InvalidInputErrorCodeInvalidNumberOfUserAttributes,
		InvalidInputErrorCodeInvalidNumberOfAgentIds,
		InvalidInputErrorCodeInvalidNumberOfAutoScalingGroups,
		InvalidInputErrorCodeInvalidNumberOfRuleNames,
		InvalidInputErrorCodeInvalidNumberOfSeverities,
	}
}

// LimitExceededErrorCode is the Inspector Classic LimitExceededErrorCode enum.
type LimitExceededErrorCode string

// LimitExceededErrorCode values.
const (
	LimitExceededErrorCodeAssessmentTargetLimitExceeded   LimitExceededErrorCode = "ASSESSMENT_TARGET_LIMIT_EXCEEDED"
	LimitExceededErrorCodeAssessmentTemplateLimitExceeded LimitExceededErrorCode = "ASSESSMENT_TEMPLATE_LIMIT_EXCEEDED"
	LimitExceededErrorCodeAssessmentRunLimitExceeded      LimitExceededErrorCode = "ASSESSMENT_RUN_LIMIT_EXCEEDED"
	LimitExceededErrorCodeResourceGroupLimitExceeded      LimitExceededErrorCode = "RESOURCE_GROUP_LIMIT_EXCEEDED"
	LimitExceededErrorCodeEventSubscriptionLimitExceeded  LimitExceededErrorCode = "EVENT_SUBSCRIPTION_LIMIT_EXCEEDED"
)

// Values lists every LimitExceededErrorCode.
func (LimitExceededErrorCode) Values() []LimitExceededErrorCode {
	return []LimitExceededErrorCode{
		LimitExceededErrorCodeAssessmentTargetLimitExceeded,
		LimitExceededErrorCodeAssessmentTemplateLimitExceeded,
		LimitExceededErrorCodeAssessmentRunLimitExceeded,
		LimitExceededErrorCodeResourceGroupLimitExceeded,
		LimitExceededErrorCodeEventSubscriptionLimitExceeded,
	}
}

// Locale is the Inspector Classic Locale enum.
type Locale string

// Locale values.
const (
	LocaleEnUs Locale = "EN_US"
)

// Values lists every Locale.
func (Locale) Values() []Locale {
	return []Locale{
		LocaleEnUs,
	}
}

// NoSuchEntityErrorCode is the Inspector Classic NoSuchEntityErrorCode enum.
type NoSuchEntityErrorCode string

// NoSuchEntityErrorCode values.
const (
	NoSuchEntityErrorCodeAssessmentTargetDoesNotExist   NoSuchEntityErrorCode = "ASSESSMENT_TARGET_DOES_NOT_EXIST"
	NoSuchEntityErrorCodeAssessmentTemplateDoesNotExist NoSuchEntityErrorCode = "ASSESSMENT_TEMPLATE_DOES_NOT_EXIST"
	NoSuchEntityErrorCodeAssessmentRunDoesNotExist      NoSuchEntityErrorCode = "ASSESSMENT_RUN_DOES_NOT_EXIST"
	NoSuchEntityErrorCodeFindingDoesNotExist            NoSuchEntityErrorCode = "FINDING_DOES_NOT_EXIST"
	NoSuchEntityErrorCodeResourceGroupDoesNotExist      NoSuchEntityErrorCode = "RESOURCE_GROUP_DOES_NOT_EXIST"
	NoSuchEntityErrorCodeRulesPackageDoesNotExist       NoSuchEntityErrorCode = "RULES_PACKAGE_DOES_NOT_EXIST"
	NoSuchEntityErrorCodeSnsTopicDoesNotExist           NoSuchEntityErrorCode = "SNS_TOPIC_DOES_NOT_EXIST"
	NoSuchEntityErrorCodeIamRoleDoesNotExist            NoSuchEntityErrorCode = "IAM_ROLE_DOES_NOT_EXIST"
)

// Values lists every NoSuchEntityErrorCode.
func (NoSuchEntityErrorCode) Values() []NoSuchEntityErrorCode {
	return []NoSuchEntityErrorCode{
		NoSuchEntityErrorCodeAssessmentTargetDoesNotExist,
		NoSuchEntityErrorCodeAssessmentTemplateDoesNotExist,
		NoSuchEntityErrorCodeAssessmentRunDoesNotExist,
		NoSuchEntityErrorCodeFindingDoesNotExist,
		NoSuchEntityErrorCodeResourceGroupDoesNotExist,
		NoSuchEntityErrorCodeRulesPackageDoesNotExist,
		NoSuchEntityErrorCodeSnsTopicDoesNotExist,
		NoSuchEntityErrorCodeIamRoleDoesNotExist,
	}
}

// PreviewStatus is the Inspector Classic PreviewStatus enum.
type PreviewStatus string

// PreviewStatus values.
const (
	PreviewStatusWorkInProgress PreviewStatus = "WORK_IN_PROGRESS"
	PreviewStatusCompleted      PreviewStatus = "COMPLETED"
)

// Values lists every PreviewStatus.
func (PreviewStatus) Values() []PreviewStatus {
	return []PreviewStatus{
		PreviewStatusWorkInProgress,
		PreviewStatusCompleted,
	}
}

// ReportFileFormat is the Inspector Classic ReportFileFormat enum.
type ReportFileFormat string

// ReportFileFormat values.
const (
	ReportFileFormatHtml ReportFileFormat = "HTML"
	ReportFileFormatPdf  ReportFileFormat = "PDF"
)

// Values lists every ReportFileFormat.
func (ReportFileFormat) Values() []ReportFileFormat {
	return []ReportFileFormat{
		ReportFileFormatHtml,
		ReportFileFormatPdf,
	}
}

// ReportStatus is the Inspector Classic ReportStatus enum.
type ReportStatus string

// ReportStatus values.
const (
	ReportStatusWorkInProgress ReportStatus = "WORK_IN_PROGRESS"
	ReportStatusFailed         ReportStatus = "FAILED"
	ReportStatusCompleted      ReportStatus = "COMPLETED"
)

// Values lists every ReportStatus.
func (ReportStatus) Values() []ReportStatus {
	return []ReportStatus{
		ReportStatusWorkInProgress,
		ReportStatusFailed,
		ReportStatusCompleted,
	}
}

// ReportType is the Inspector Classic ReportType enum.
type ReportType string

// ReportType values.
const (
	ReportTypeFinding ReportType = "FINDING"
	ReportTypeFull    ReportType = "FULL"
)

// Values lists every ReportType.
func (ReportType) Values() []ReportType {
	return []ReportType{
		ReportTypeFinding,
		ReportTypeFull,
	}
}

// ScopeType is the Inspector Classic ScopeType enum.
type ScopeType string

// ScopeType values.
const (
	ScopeTypeInstanceId      ScopeType = "INSTANCE_ID"
	ScopeTypeRulesPackageArn ScopeType = "RULES_PACKAGE_ARN"
)

// Values lists every ScopeType.
func (ScopeType) Values() []ScopeType {
	return []ScopeType{
		ScopeTypeInstanceId,
		ScopeTypeRulesPackageArn,
	}
}

// Severity is the Inspector Classic Severity enum.
type Severity string

// Severity values.
const (
	SeverityLow           Severity = "Low"
	SeverityMedium        Severity = "Medium"
	SeverityHigh          Severity = "High"
	SeverityInformational Severity = "Informational"
	SeverityUndefined     Severity = "Undefined"
)

// Values lists every Severity.
func (Severity) Values() []Severity {
	return []Severity{
		SeverityLow,
		SeverityMedium,
		SeverityHigh,
		SeverityInformational,
		SeverityUndefined,
	}
}

// StopAction is the Inspector Classic StopAction enum.
type StopAction string

// StopAction values.
const (
	StopActionStartEvaluation StopAction = "START_EVALUATION"
	StopActionSkipEvaluation  StopAction = "SKIP_EVALUATION"
)

// Values lists every StopAction.
func (StopAction) Values() []StopAction {
	return []StopAction{
		StopActionStartEvaluation,
		StopActionSkipEvaluation,
	}
}
