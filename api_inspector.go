package awsaccess

import (
	"errors"

	"github.com/seed-e2e06c4d/awsaccess/authz"
	"github.com/seed-e2e06c4d/awsaccess/inspector/classic"
	"github.com/seed-e2e06c4d/awsaccess/internal/wire"
)

// inspectorOps serves Amazon Inspector Classic (service "inspector", JSON
// 1.1, InspectorService), in the region of the request's SigV4 scope
// (regions that never had Inspector Classic answer
// UnsupportedFeatureException). Package classic authorizes every call
// itself through the Cloud, after validating the input. Inspector Classic
// has no resource-level permissions and no service-specific condition
// keys: every operation needs inspector:<Operation> on "*", and acts on the
// caller's account only (an ARN of another account is
// AccessDeniedException). A denial is AccessDeniedException with canRetry
// false and the errorCode below.
//
//	Operation                       Action (inspector:…)            Resource  Extra checks  errorCode of a denial
//	CreateResourceGroup             CreateResourceGroup             *         -             ACCESS_DENIED_TO_RESOURCE_GROUP
//	DescribeResourceGroups          DescribeResourceGroups          *         -             ACCESS_DENIED_TO_RESOURCE_GROUP
//	CreateAssessmentTarget          CreateAssessmentTarget          *         SLR ¹         ACCESS_DENIED_TO_ASSESSMENT_TARGET
//	UpdateAssessmentTarget          UpdateAssessmentTarget          *         -             ACCESS_DENIED_TO_ASSESSMENT_TARGET
//	DeleteAssessmentTarget          DeleteAssessmentTarget          *         -             ACCESS_DENIED_TO_ASSESSMENT_TARGET
//	DescribeAssessmentTargets       DescribeAssessmentTargets       *         -             ACCESS_DENIED_TO_ASSESSMENT_TARGET
//	ListAssessmentTargets           ListAssessmentTargets           *         -             ACCESS_DENIED_TO_ASSESSMENT_TARGET
//	PreviewAgents                   PreviewAgents                   *         -             ACCESS_DENIED_TO_ASSESSMENT_TARGET
//	CreateAssessmentTemplate        CreateAssessmentTemplate        *         SLR ¹         ACCESS_DENIED_TO_ASSESSMENT_TEMPLATE
//	DeleteAssessmentTemplate        DeleteAssessmentTemplate        *         -             ACCESS_DENIED_TO_ASSESSMENT_TEMPLATE
//	DescribeAssessmentTemplates     DescribeAssessmentTemplates     *         -             ACCESS_DENIED_TO_ASSESSMENT_TEMPLATE
//	ListAssessmentTemplates         ListAssessmentTemplates         *         -             ACCESS_DENIED_TO_ASSESSMENT_TEMPLATE
//	SetTagsForResource              SetTagsForResource              *         -             ACCESS_DENIED_TO_ASSESSMENT_TEMPLATE
//	ListTagsForResource             ListTagsForResource             *         -             ACCESS_DENIED_TO_ASSESSMENT_TEMPLATE
//	SubscribeToEvent                SubscribeToEvent                *         -             ACCESS_DENIED_TO_ASSESSMENT_TEMPLATE
//	UnsubscribeFromEvent            UnsubscribeFromEvent            *         -             ACCESS_DENIED_TO_ASSESSMENT_TEMPLATE
//	ListEventSubscriptions          ListEventSubscriptions          *         -             ACCESS_DENIED_TO_ASSESSMENT_TEMPLATE
//	CreateExclusionsPreview         CreateExclusionsPreview         *         -             ACCESS_DENIED_TO_ASSESSMENT_TEMPLATE
//	GetExclusionsPreview            GetExclusionsPreview            *         -             ACCESS_DENIED_TO_ASSESSMENT_TEMPLATE
//	StartAssessmentRun              StartAssessmentRun              *         -             ACCESS_DENIED_TO_ASSESSMENT_RUN
//	StopAssessmentRun               StopAssessmentRun               *         -             ACCESS_DENIED_TO_ASSESSMENT_RUN
//	DeleteAssessmentRun             DeleteAssessmentRun             *         -             ACCESS_DENIED_TO_ASSESSMENT_RUN
//	DescribeAssessmentRuns          DescribeAssessmentRuns          *         -             ACCESS_DENIED_TO_ASSESSMENT_RUN
//	ListAssessmentRuns              ListAssessmentRuns              *         -             ACCESS_DENIED_TO_ASSESSMENT_RUN
//	ListAssessmentRunAgents         ListAssessmentRunAgents         *         -             ACCESS_DENIED_TO_ASSESSMENT_RUN
//	GetTelemetryMetadata            GetTelemetryMetadata            *         -             ACCESS_DENIED_TO_ASSESSMENT_RUN
//	GetAssessmentReport             GetAssessmentReport             *         -             ACCESS_DENIED_TO_ASSESSMENT_RUN
//	ListExclusions                  ListExclusions                  *         -             ACCESS_DENIED_TO_ASSESSMENT_RUN
//	DescribeExclusions              DescribeExclusions              *         -             ACCESS_DENIED_TO_ASSESSMENT_RUN
//	ListFindings                    ListFindings                    *         -             ACCESS_DENIED_TO_FINDING
//	DescribeFindings                DescribeFindings                *         -             ACCESS_DENIED_TO_FINDING
//	AddAttributesToFindings         AddAttributesToFindings         *         -             ACCESS_DENIED_TO_FINDING
//	RemoveAttributesFromFindings    RemoveAttributesFromFindings    *         -             ACCESS_DENIED_TO_FINDING
//	ListRulesPackages               ListRulesPackages               *         -             ACCESS_DENIED_TO_RULES_PACKAGE
//	DescribeRulesPackages           DescribeRulesPackages           *         -             ACCESS_DENIED_TO_RULES_PACKAGE
//	RegisterCrossAccountAccessRole  RegisterCrossAccountAccessRole  *         PassRole ²    ACCESS_DENIED_TO_IAM_ROLE
//	DescribeCrossAccountAccessRole  DescribeCrossAccountAccessRole  *         -             ACCESS_DENIED_TO_IAM_ROLE
//
// ¹ The first assessment target or template of an account creates the
// service-linked role, which also needs iam:CreateServiceLinkedRole on
// arn:aws:iam::ACCOUNT:role/aws-service-role/inspector.amazonaws.com/AWSServiceRoleForAmazonInspector
// (iam:AWSServiceName inspector.amazonaws.com).
// ² iam:PassRole on the role ARN (iam:PassedToService
// inspector.amazonaws.com).
//
// Errors keep classic's codes and messages and carry errorCode and
// canRetry (and the run or agent lists of AssessmentRunInProgressException
// and AgentsAlreadyRunningAssessmentException) as the model names them. A
// document the model accepts always binds to classic's types; a failure to
// bind is a defect of the front end and answers InternalException.
var inspectorOps = map[string]opFunc{
	"CreateResourceGroup":       classicOp((*classic.Service).CreateResourceGroup),
	"DescribeResourceGroups":    classicOp((*classic.Service).DescribeResourceGroups),
	"CreateAssessmentTarget":    classicOp((*classic.Service).CreateAssessmentTarget),
	"UpdateAssessmentTarget":    classicOp((*classic.Service).UpdateAssessmentTarget),
	"DeleteAssessmentTarget":    classicOp((*classic.Service).DeleteAssessmentTarget),
	"DescribeAssessmentTargets": classicOp((*classic.Service).DescribeAssessmentTargets),
	"ListAssessmentTargets":     classicOp((*classic.Service).ListAssessmentTargets),
	"PreviewAgents":             classicOp((*classic.Service).PreviewAgents),

	"CreateAssessmentTemplate":    classicOp((*classic.Service).CreateAssessmentTemplate),
	"DeleteAssessmentTemplate":    classicOp((*classic.Service).DeleteAssessmentTemplate),
	"DescribeAssessmentTemplates": classicOp((*classic.Service).DescribeAssessmentTemplates),
	"ListAssessmentTemplates":     classicOp((*classic.Service).ListAssessmentTemplates),
	"SetTagsForResource":          classicOp((*classic.Service).SetTagsForResource),
	"ListTagsForResource":         classicOp((*classic.Service).ListTagsForResource),
	"SubscribeToEvent":            classicOp((*classic.Service).SubscribeToEvent),
	"UnsubscribeFromEvent":        classicOp((*classic.Service).UnsubscribeFromEvent),
	"ListEventSubscriptions":      classicOp((*classic.Service).ListEventSubscriptions),
	"CreateExclusionsPreview":     classicOp((*classic.Service).CreateExclusionsPreview),
	"GetExclusionsPreview":        classicOp((*classic.Service).GetExclusionsPreview),

	"StartAssessmentRun":      classicOp((*classic.Service).StartAssessmentRun),
	"StopAssessmentRun":       classicOp((*classic.Service).StopAssessmentRun),
	"DeleteAssessmentRun":     classicOp((*classic.Service).DeleteAssessmentRun),
	"DescribeAssessmentRuns":  classicOp((*classic.Service).DescribeAssessmentRuns),
	"ListAssessmentRuns":      classicOp((*classic.Service).ListAssessmentRuns),
	"ListAssessmentRunAgents": classicOp((*classic.Service).ListAssessmentRunAgents),
	"GetTelemetryMetadata":    classicOp((*classic.Service).GetTelemetryMetadata),
	"GetAssessmentReport":     classicOp((*classic.Service).GetAssessmentReport),
	"ListExclusions":          classicOp((*classic.Service).ListExclusions),
	"DescribeExclusions":      classicOp((*classic.Service).DescribeExclusions),

	"ListFindings":                 classicOp((*classic.Service).ListFindings),
	"DescribeFindings":             classicOp((*classic.Service).DescribeFindings),
	"AddAttributesToFindings":      classicOp((*classic.Service).AddAttributesToFindings),
	"RemoveAttributesFromFindings": classicOp((*classic.Service).RemoveAttributesFromFindings),
	"ListRulesPackages":            classicOp((*classic.Service).ListRulesPackages),
	"DescribeRulesPackages":        classicOp((*classic.Service).DescribeRulesPackages),

	"RegisterCrossAccountAccessRole": classicOp((*classic.Service).RegisterCrossAccountAccessRole),
	"DescribeCrossAccountAccessRole": classicOp((*classic.Service).DescribeCrossAccountAccessRole),
}

// classicOp serves an operation that takes an input and returns an output.
func classicOp[In, Out any](f func(*classic.Service, *authz.Principal, string, *In) (*Out, error)) opFunc {
	return func(c *Cloud, k *call, in map[string]any) (any, error) {
		req := new(In)
		if err := wire.Bind(in, req); err != nil {
			return nil, err
		}
		out, err := f(c.classic, k.caller, k.region, req)
		if err != nil {
			return nil, classicError(err)
		}
		return out, nil
	}
}

// classicError renders a classic error with its modelled members
// (errorCode, canRetry, ...). The result does not unwrap: a denial's cause
// is an authz error, which would otherwise be rendered without them.
func classicError(err error) error {
	var e *classic.Error
	if !errors.As(err, &e) {
		return err
	}
	return &wire.Error{Code: e.Code, Message: e.Message, Status: e.Status, Fields: e.ErrorFields()}
}
