package classic

import "time"

// The types of the Inspector Classic API, named as the service model and
// aws-sdk-go-v2 name them, with JSON tags as the JSON 1.1 protocol names
// the members. Optional members are omitted when empty; timestamps are
// time.Time (the wire layer converts them to epoch seconds). Operation
// inputs and outputs are named <Operation>Input and <Operation>Output.

// Attribute is a key and value pair: a system attribute of a finding or a
// user attribute (userAttributesForFindings, AddAttributesToFindings).
type Attribute struct {
	Key   string `json:"key"`
	Value string `json:"value,omitempty"`
}

// Tag is a tag of an assessment template, or of an EC2 instance in a
// finding's asset attributes.
type Tag struct {
	Key   string `json:"key"`
	Value string `json:"value,omitempty"`
}

// ResourceGroupTag is one tag a resource group selects EC2 instances by;
// without a value it matches every value of the key.
type ResourceGroupTag struct {
	Key   string `json:"key"`
	Value string `json:"value,omitempty"`
}

// ResourceGroup is a set of tags that selects the EC2 instances of an
// assessment target.
type ResourceGroup struct {
	Arn       string             `json:"arn"`
	Tags      []ResourceGroupTag `json:"tags"`
	CreatedAt time.Time          `json:"createdAt"`
}

// AssessmentTarget is a named set of EC2 instances: those its resource
// group selects, or every instance of the account and region.
type AssessmentTarget struct {
	Arn              string    `json:"arn"`
	Name             string    `json:"name"`
	ResourceGroupArn string    `json:"resourceGroupArn,omitempty"`
	CreatedAt        time.Time `json:"createdAt"`
	UpdatedAt        time.Time `json:"updatedAt"`
}

// AssessmentTemplate is the immutable configuration of assessment runs.
type AssessmentTemplate struct {
	Arn                       string      `json:"arn"`
	Name                      string      `json:"name"`
	AssessmentTargetArn       string      `json:"assessmentTargetArn"`
	DurationInSeconds         int32       `json:"durationInSeconds"`
	RulesPackageArns          []string    `json:"rulesPackageArns"`
	UserAttributesForFindings []Attribute `json:"userAttributesForFindings"`
	LastAssessmentRunArn      string      `json:"lastAssessmentRunArn,omitempty"`
	AssessmentRunCount        int32       `json:"assessmentRunCount"`
	CreatedAt                 time.Time   `json:"createdAt"`
}

// AssessmentRun is one run of an assessment template.
type AssessmentRun struct {
	Arn                       string                      `json:"arn"`
	Name                      string                      `json:"name"`
	AssessmentTemplateArn     string                      `json:"assessmentTemplateArn"`
	State                     AssessmentRunState          `json:"state"`
	DurationInSeconds         int32                       `json:"durationInSeconds"`
	RulesPackageArns          []string                    `json:"rulesPackageArns"`
	UserAttributesForFindings []Attribute                 `json:"userAttributesForFindings"`
	CreatedAt                 time.Time                   `json:"createdAt"`
	StartedAt                 time.Time                   `json:"startedAt,omitzero"`
	CompletedAt               time.Time                   `json:"completedAt,omitzero"`
	StateChangedAt            time.Time                   `json:"stateChangedAt"`
	DataCollected             bool                        `json:"dataCollected"`
	StateChanges              []AssessmentRunStateChange  `json:"stateChanges"`
	Notifications             []AssessmentRunNotification `json:"notifications"`
	FindingCounts             map[Severity]int32          `json:"findingCounts"`
}

// AssessmentRunStateChange is one entry of a run's state history.
type AssessmentRunStateChange struct {
	StateChangedAt time.Time          `json:"stateChangedAt"`
	State          AssessmentRunState `json:"state"`
}

// AssessmentRunNotification is a notification sent for an event of a run
// to a subscribed SNS topic.
type AssessmentRunNotification struct {
	Date                 time.Time                              `json:"date"`
	Event                InspectorEvent                         `json:"event"`
	Message              string                                 `json:"message,omitempty"`
	Error                bool                                   `json:"error"`
	SnsTopicArn          string                                 `json:"snsTopicArn,omitempty"`
	SnsPublishStatusCode AssessmentRunNotificationSnsStatusCode `json:"snsPublishStatusCode,omitempty"`
}

// AssessmentRunAgent is an agent (an EC2 instance) of a run.
type AssessmentRunAgent struct {
	AgentID            string              `json:"agentId"`
	AssessmentRunArn   string              `json:"assessmentRunArn"`
	AgentHealth        AgentHealth         `json:"agentHealth"`
	AgentHealthCode    AgentHealthCode     `json:"agentHealthCode"`
	AgentHealthDetails string              `json:"agentHealthDetails,omitempty"`
	AutoScalingGroup   string              `json:"autoScalingGroup,omitempty"`
	TelemetryMetadata  []TelemetryMetadata `json:"telemetryMetadata"`
}

// TelemetryMetadata counts the messages of one type an agent sent.
type TelemetryMetadata struct {
	MessageType string `json:"messageType"`
	Count       int64  `json:"count"`
	DataSize    *int64 `json:"dataSize,omitempty"`
}

// AgentPreview is an EC2 instance of an assessment target as PreviewAgents
// shows it.
type AgentPreview struct {
	Hostname         string      `json:"hostname,omitempty"`
	AgentID          string      `json:"agentId"`
	AutoScalingGroup string      `json:"autoScalingGroup,omitempty"`
	AgentHealth      AgentHealth `json:"agentHealth,omitempty"`
	AgentVersion     string      `json:"agentVersion,omitempty"`
	OperatingSystem  string      `json:"operatingSystem,omitempty"`
	KernelVersion    string      `json:"kernelVersion,omitempty"`
	Ipv4Address      string      `json:"ipv4Address,omitempty"`
}

// Finding is a potential security issue an assessment run found.
type Finding struct {
	Arn                   string                      `json:"arn"`
	SchemaVersion         int32                       `json:"schemaVersion"`
	Service               string                      `json:"service,omitempty"`
	ServiceAttributes     *InspectorServiceAttributes `json:"serviceAttributes,omitempty"`
	AssetType             AssetType                   `json:"assetType,omitempty"`
	AssetAttributes       *AssetAttributes            `json:"assetAttributes,omitempty"`
	ID                    string                      `json:"id,omitempty"`
	Title                 string                      `json:"title,omitempty"`
	Description           string                      `json:"description,omitempty"`
	Recommendation        string                      `json:"recommendation,omitempty"`
	Severity              Severity                    `json:"severity,omitempty"`
	NumericSeverity       float64                     `json:"numericSeverity"`
	Confidence            int32                       `json:"confidence"`
	IndicatorOfCompromise bool                        `json:"indicatorOfCompromise"`
	Attributes            []Attribute                 `json:"attributes"`
	UserAttributes        []Attribute                 `json:"userAttributes"`
	CreatedAt             time.Time                   `json:"createdAt"`
	UpdatedAt             time.Time                   `json:"updatedAt"`
}

// InspectorServiceAttributes names the run and rules package of a finding.
type InspectorServiceAttributes struct {
	SchemaVersion    int32  `json:"schemaVersion"`
	AssessmentRunArn string `json:"assessmentRunArn,omitempty"`
	RulesPackageArn  string `json:"rulesPackageArn,omitempty"`
}

// AssetAttributes describes the EC2 instance of a finding.
type AssetAttributes struct {
	SchemaVersion     int32              `json:"schemaVersion"`
	AgentID           string             `json:"agentId,omitempty"`
	AutoScalingGroup  string             `json:"autoScalingGroup,omitempty"`
	AmiID             string             `json:"amiId,omitempty"`
	Hostname          string             `json:"hostname,omitempty"`
	Ipv4Addresses     []string           `json:"ipv4Addresses"`
	Tags              []Tag              `json:"tags,omitempty"`
	NetworkInterfaces []NetworkInterface `json:"networkInterfaces,omitempty"`
}

// NetworkInterface is a network interface of a finding's EC2 instance.
type NetworkInterface struct {
	NetworkInterfaceID string          `json:"networkInterfaceId,omitempty"`
	SubnetID           string          `json:"subnetId,omitempty"`
	VpcID              string          `json:"vpcId,omitempty"`
	PrivateDNSName     string          `json:"privateDnsName,omitempty"`
	PrivateIPAddress   string          `json:"privateIpAddress,omitempty"`
	PrivateIPAddresses []PrivateIP     `json:"privateIpAddresses,omitempty"`
	PublicDNSName      string          `json:"publicDnsName,omitempty"`
	PublicIP           string          `json:"publicIp,omitempty"`
	Ipv6Addresses      []string        `json:"ipv6Addresses,omitempty"`
	SecurityGroups     []SecurityGroup `json:"securityGroups,omitempty"`
}

// PrivateIP is a private address of a network interface.
type PrivateIP struct {
	PrivateDNSName   string `json:"privateDnsName,omitempty"`
	PrivateIPAddress string `json:"privateIpAddress,omitempty"`
}

// SecurityGroup names a security group of a network interface.
type SecurityGroup struct {
	GroupName string `json:"groupName,omitempty"`
	GroupID   string `json:"groupId,omitempty"`
}

// RulesPackage is a rules package as DescribeRulesPackages shows it.
type RulesPackage struct {
	Arn         string `json:"arn"`
	Name        string `json:"name"`
	Version     string `json:"version"`
	Provider    string `json:"provider"`
	Description string `json:"description,omitempty"`
}

// FailedItemDetails is why one item of a batch call failed.
type FailedItemDetails struct {
	FailureCode FailedItemErrorCode `json:"failureCode"`
	Retryable   bool                `json:"retryable"`
}

// EventSubscription is one event a topic is subscribed to.
type EventSubscription struct {
	Event        InspectorEvent `json:"event"`
	SubscribedAt time.Time      `json:"subscribedAt"`
}

// Subscription is the events of a template that notify one SNS topic.
type Subscription struct {
	ResourceArn        string              `json:"resourceArn"`
	TopicArn           string              `json:"topicArn"`
	EventSubscriptions []EventSubscription `json:"eventSubscriptions"`
}

// Scope is the resource an exclusion is about.
type Scope struct {
	Key   ScopeType `json:"key,omitempty"`
	Value string    `json:"value,omitempty"`
}

// Exclusion is a security check an assessment run could not complete.
type Exclusion struct {
	Arn            string      `json:"arn"`
	Title          string      `json:"title"`
	Description    string      `json:"description"`
	Recommendation string      `json:"recommendation"`
	Scopes         []Scope     `json:"scopes"`
	Attributes     []Attribute `json:"attributes,omitempty"`
}

// ExclusionPreview is an exclusion an assessment run of a template would
// have, as an exclusions preview shows it.
type ExclusionPreview struct {
	Title          string      `json:"title"`
	Description    string      `json:"description"`
	Recommendation string      `json:"recommendation"`
	Scopes         []Scope     `json:"scopes"`
	Attributes     []Attribute `json:"attributes,omitempty"`
}

// Filters.

// AgentFilter selects agents by health; both lists are required by the
// model (they may be empty, which matches everything).
type AgentFilter struct {
	AgentHealths     []AgentHealth     `json:"agentHealths"`
	AgentHealthCodes []AgentHealthCode `json:"agentHealthCodes"`
}

// DurationRange bounds a duration in seconds, inclusively; a zero bound is
// absent.
type DurationRange struct {
	MinSeconds int32 `json:"minSeconds,omitempty"`
	MaxSeconds int32 `json:"maxSeconds,omitempty"`
}

// TimestampRange bounds a time, inclusively; a zero bound is absent.
type TimestampRange struct {
	BeginDate time.Time `json:"beginDate,omitzero"`
	EndDate   time.Time `json:"endDate,omitzero"`
}

// AssessmentTargetFilter selects assessment targets.
type AssessmentTargetFilter struct {
	AssessmentTargetNamePattern string `json:"assessmentTargetNamePattern,omitempty"`
}

// AssessmentTemplateFilter selects assessment templates.
type AssessmentTemplateFilter struct {
	NamePattern      string         `json:"namePattern,omitempty"`
	DurationRange    *DurationRange `json:"durationRange,omitempty"`
	RulesPackageArns []string       `json:"rulesPackageArns,omitempty"`
}

// AssessmentRunFilter selects assessment runs.
type AssessmentRunFilter struct {
	NamePattern          string               `json:"namePattern,omitempty"`
	States               []AssessmentRunState `json:"states,omitempty"`
	DurationRange        *DurationRange       `json:"durationRange,omitempty"`
	RulesPackageArns     []string             `json:"rulesPackageArns,omitempty"`
	StartTimeRange       *TimestampRange      `json:"startTimeRange,omitempty"`
	CompletionTimeRange  *TimestampRange      `json:"completionTimeRange,omitempty"`
	StateChangeTimeRange *TimestampRange      `json:"stateChangeTimeRange,omitempty"`
}

// FindingFilter selects findings: every given field must match; a list
// matches when any of its values does.
type FindingFilter struct {
	AgentIDs          []string        `json:"agentIds,omitempty"`
	AutoScalingGroups []string        `json:"autoScalingGroups,omitempty"`
	RuleNames         []string        `json:"ruleNames,omitempty"`
	Severities        []Severity      `json:"severities,omitempty"`
	RulesPackageArns  []string        `json:"rulesPackageArns,omitempty"`
	Attributes        []Attribute     `json:"attributes,omitempty"`
	UserAttributes    []Attribute     `json:"userAttributes,omitempty"`
	CreationTimeRange *TimestampRange `json:"creationTimeRange,omitempty"`
}

// Operation inputs and outputs.

// AddAttributesToFindingsInput is the input of AddAttributesToFindings.
type AddAttributesToFindingsInput struct {
	FindingArns []string    `json:"findingArns"`
	Attributes  []Attribute `json:"attributes"`
}

// AddAttributesToFindingsOutput is the output of AddAttributesToFindings.
type AddAttributesToFindingsOutput struct {
	FailedItems map[string]FailedItemDetails `json:"failedItems"`
}

// CreateAssessmentTargetInput is the input of CreateAssessmentTarget.
type CreateAssessmentTargetInput struct {
	AssessmentTargetName string `json:"assessmentTargetName"`
	ResourceGroupArn     string `json:"resourceGroupArn,omitempty"`
}

// CreateAssessmentTargetOutput is the output of CreateAssessmentTarget.
type CreateAssessmentTargetOutput struct {
	AssessmentTargetArn string `json:"assessmentTargetArn"`
}

// CreateAssessmentTemplateInput is the input of CreateAssessmentTemplate.
type CreateAssessmentTemplateInput struct {
	AssessmentTargetArn       string      `json:"assessmentTargetArn"`
	AssessmentTemplateName    string      `json:"assessmentTemplateName"`
	DurationInSeconds         int32       `json:"durationInSeconds"`
	RulesPackageArns          []string    `json:"rulesPackageArns"`
	UserAttributesForFindings []Attribute `json:"userAttributesForFindings,omitempty"`
}

// CreateAssessmentTemplateOutput is the output of CreateAssessmentTemplate.
type CreateAssessmentTemplateOutput struct {
	AssessmentTemplateArn string `json:"assessmentTemplateArn"`
}

// CreateExclusionsPreviewInput is the input of CreateExclusionsPreview.
type CreateExclusionsPreviewInput struct {
	AssessmentTemplateArn string `json:"assessmentTemplateArn"`
}

// CreateExclusionsPreviewOutput is the output of CreateExclusionsPreview.
type CreateExclusionsPreviewOutput struct {
	PreviewToken string `json:"previewToken"`
}

// CreateResourceGroupInput is the input of CreateResourceGroup.
type CreateResourceGroupInput struct {
	ResourceGroupTags []ResourceGroupTag `json:"resourceGroupTags"`
}

// CreateResourceGroupOutput is the output of CreateResourceGroup.
type CreateResourceGroupOutput struct {
	ResourceGroupArn string `json:"resourceGroupArn"`
}

// DeleteAssessmentRunInput is the input of DeleteAssessmentRun.
type DeleteAssessmentRunInput struct {
	AssessmentRunArn string `json:"assessmentRunArn"`
}

// DeleteAssessmentRunOutput is the output of DeleteAssessmentRun (empty).
type DeleteAssessmentRunOutput struct{}

// DeleteAssessmentTargetInput is the input of DeleteAssessmentTarget.
type DeleteAssessmentTargetInput struct {
	AssessmentTargetArn string `json:"assessmentTargetArn"`
}

// DeleteAssessmentTargetOutput is the output of DeleteAssessmentTarget (empty).
type DeleteAssessmentTargetOutput struct{}

// DeleteAssessmentTemplateInput is the input of DeleteAssessmentTemplate.
type DeleteAssessmentTemplateInput struct {
	AssessmentTemplateArn string `json:"assessmentTemplateArn"`
}

// DeleteAssessmentTemplateOutput is the output of DeleteAssessmentTemplate (empty).
type DeleteAssessmentTemplateOutput struct{}

// DescribeAssessmentRunsInput is the input of DescribeAssessmentRuns.
type DescribeAssessmentRunsInput struct {
	AssessmentRunArns []string `json:"assessmentRunArns"`
}

// DescribeAssessmentRunsOutput is the output of DescribeAssessmentRuns.
type DescribeAssessmentRunsOutput struct {
	AssessmentRuns []AssessmentRun              `json:"assessmentRuns"`
	FailedItems    map[string]FailedItemDetails `json:"failedItems"`
}

// DescribeAssessmentTargetsInput is the input of DescribeAssessmentTargets.
type DescribeAssessmentTargetsInput struct {
	AssessmentTargetArns []string `json:"assessmentTargetArns"`
}

// DescribeAssessmentTargetsOutput is the output of DescribeAssessmentTargets.
type DescribeAssessmentTargetsOutput struct {
	AssessmentTargets []AssessmentTarget           `json:"assessmentTargets"`
	FailedItems       map[string]FailedItemDetails `json:"failedItems"`
}

// DescribeAssessmentTemplatesInput is the input of DescribeAssessmentTemplates.
type DescribeAssessmentTemplatesInput struct {
	AssessmentTemplateArns []string `json:"assessmentTemplateArns"`
}

// DescribeAssessmentTemplatesOutput is the output of DescribeAssessmentTemplates.
type DescribeAssessmentTemplatesOutput struct {
	AssessmentTemplates []AssessmentTemplate         `json:"assessmentTemplates"`
	FailedItems         map[string]FailedItemDetails `json:"failedItems"`
}

// DescribeCrossAccountAccessRoleInput is the input of
// DescribeCrossAccountAccessRole (empty).
type DescribeCrossAccountAccessRoleInput struct{}

// DescribeCrossAccountAccessRoleOutput is the output of
// DescribeCrossAccountAccessRole.
type DescribeCrossAccountAccessRoleOutput struct {
	RoleArn      string    `json:"roleArn"`
	Valid        bool      `json:"valid"`
	RegisteredAt time.Time `json:"registeredAt"`
}

// DescribeExclusionsInput is the input of DescribeExclusions.
type DescribeExclusionsInput struct {
	ExclusionArns []string `json:"exclusionArns"`
	Locale        Locale   `json:"locale,omitempty"`
}

// DescribeExclusionsOutput is the output of DescribeExclusions.
type DescribeExclusionsOutput struct {
	Exclusions  map[string]Exclusion         `json:"exclusions"`
	FailedItems map[string]FailedItemDetails `json:"failedItems"`
}

// DescribeFindingsInput is the input of DescribeFindings.
type DescribeFindingsInput struct {
	FindingArns []string `json:"findingArns"`
	Locale      Locale   `json:"locale,omitempty"`
}

// DescribeFindingsOutput is the output of DescribeFindings.
type DescribeFindingsOutput struct {
	Findings    []Finding                    `json:"findings"`
	FailedItems map[string]FailedItemDetails `json:"failedItems"`
}

// DescribeResourceGroupsInput is the input of DescribeResourceGroups.
type DescribeResourceGroupsInput struct {
	ResourceGroupArns []string `json:"resourceGroupArns"`
}

// DescribeResourceGroupsOutput is the output of DescribeResourceGroups.
type DescribeResourceGroupsOutput struct {
	ResourceGroups []ResourceGroup              `json:"resourceGroups"`
	FailedItems    map[string]FailedItemDetails `json:"failedItems"`
}

// DescribeRulesPackagesInput is the input of DescribeRulesPackages.
type DescribeRulesPackagesInput struct {
	RulesPackageArns []string `json:"rulesPackageArns"`
	Locale           Locale   `json:"locale,omitempty"`
}

// DescribeRulesPackagesOutput is the output of DescribeRulesPackages.
type DescribeRulesPackagesOutput struct {
	RulesPackages []RulesPackage               `json:"rulesPackages"`
	FailedItems   map[string]FailedItemDetails `json:"failedItems"`
}

// GetAssessmentReportInput is the input of GetAssessmentReport.
type GetAssessmentReportInput struct {
	AssessmentRunArn string           `json:"assessmentRunArn"`
	ReportFileFormat ReportFileFormat `json:"reportFileFormat"`
	ReportType       ReportType       `json:"reportType"`
}

// GetAssessmentReportOutput is the output of GetAssessmentReport. Body
// and ContentType are the model's addition for library callers: the
// report document itself, which the URL names (see Service.AssessmentReport).
type GetAssessmentReportOutput struct {
	Status      ReportStatus `json:"status"`
	URL         string       `json:"url,omitempty"`
	Body        []byte       `json:"-"`
	ContentType string       `json:"-"`
}

// GetExclusionsPreviewInput is the input of GetExclusionsPreview.
type GetExclusionsPreviewInput struct {
	AssessmentTemplateArn string `json:"assessmentTemplateArn"`
	PreviewToken          string `json:"previewToken"`
	NextToken             string `json:"nextToken,omitempty"`
	MaxResults            int32  `json:"maxResults,omitempty"`
	Locale                Locale `json:"locale,omitempty"`
}

// GetExclusionsPreviewOutput is the output of GetExclusionsPreview.
type GetExclusionsPreviewOutput struct {
	PreviewStatus     PreviewStatus      `json:"previewStatus"`
	ExclusionPreviews []ExclusionPreview `json:"exclusionPreviews,omitempty"`
	NextToken         string             `json:"nextToken,omitempty"`
}

// GetTelemetryMetadataInput is the input of GetTelemetryMetadata.
type GetTelemetryMetadataInput struct {
	AssessmentRunArn string `json:"assessmentRunArn"`
}

// GetTelemetryMetadataOutput is the output of GetTelemetryMetadata.
type GetTelemetryMetadataOutput struct {
	TelemetryMetadata []TelemetryMetadata `json:"telemetryMetadata"`
}

// ListAssessmentRunAgentsInput is the input of ListAssessmentRunAgents.
type ListAssessmentRunAgentsInput struct {
	AssessmentRunArn string       `json:"assessmentRunArn"`
	Filter           *AgentFilter `json:"filter,omitempty"`
	NextToken        string       `json:"nextToken,omitempty"`
	MaxResults       int32        `json:"maxResults,omitempty"`
}

// ListAssessmentRunAgentsOutput is the output of ListAssessmentRunAgents.
type ListAssessmentRunAgentsOutput struct {
	AssessmentRunAgents []AssessmentRunAgent `json:"assessmentRunAgents"`
	NextToken           string               `json:"nextToken,omitempty"`
}

// ListAssessmentRunsInput is the input of ListAssessmentRuns.
type ListAssessmentRunsInput struct {
	AssessmentTemplateArns []string             `json:"assessmentTemplateArns,omitempty"`
	Filter                 *AssessmentRunFilter `json:"filter,omitempty"`
	NextToken              string               `json:"nextToken,omitempty"`
	MaxResults             int32                `json:"maxResults,omitempty"`
}

// ListAssessmentRunsOutput is the output of ListAssessmentRuns.
type ListAssessmentRunsOutput struct {
	AssessmentRunArns []string `json:"assessmentRunArns"`
	NextToken         string   `json:"nextToken,omitempty"`
}

// ListAssessmentTargetsInput is the input of ListAssessmentTargets.
type ListAssessmentTargetsInput struct {
	Filter     *AssessmentTargetFilter `json:"filter,omitempty"`
	NextToken  string                  `json:"nextToken,omitempty"`
	MaxResults int32                   `json:"maxResults,omitempty"`
}

// ListAssessmentTargetsOutput is the output of ListAssessmentTargets.
type ListAssessmentTargetsOutput struct {
	AssessmentTargetArns []string `json:"assessmentTargetArns"`
	NextToken            string   `json:"nextToken,omitempty"`
}

// ListAssessmentTemplatesInput is the input of ListAssessmentTemplates.
type ListAssessmentTemplatesInput struct {
	AssessmentTargetArns []string                  `json:"assessmentTargetArns,omitempty"`
	Filter               *AssessmentTemplateFilter `json:"filter,omitempty"`
	NextToken            string                    `json:"nextToken,omitempty"`
	MaxResults           int32                     `json:"maxResults,omitempty"`
}

// ListAssessmentTemplatesOutput is the output of ListAssessmentTemplates.
type ListAssessmentTemplatesOutput struct {
	AssessmentTemplateArns []string `json:"assessmentTemplateArns"`
	NextToken              string   `json:"nextToken,omitempty"`
}

// ListEventSubscriptionsInput is the input of ListEventSubscriptions.
type ListEventSubscriptionsInput struct {
	ResourceArn string `json:"resourceArn,omitempty"`
	NextToken   string `json:"nextToken,omitempty"`
	MaxResults  int32  `json:"maxResults,omitempty"`
}

// ListEventSubscriptionsOutput is the output of ListEventSubscriptions.
type ListEventSubscriptionsOutput struct {
	Subscriptions []Subscription `json:"subscriptions"`
	NextToken     string         `json:"nextToken,omitempty"`
}

// ListExclusionsInput is the input of ListExclusions.
type ListExclusionsInput struct {
	AssessmentRunArn string `json:"assessmentRunArn"`
	NextToken        string `json:"nextToken,omitempty"`
	MaxResults       int32  `json:"maxResults,omitempty"`
}

// ListExclusionsOutput is the output of ListExclusions.
type ListExclusionsOutput struct {
	ExclusionArns []string `json:"exclusionArns"`
	NextToken     string   `json:"nextToken,omitempty"`
}

// ListFindingsInput is the input of ListFindings.
type ListFindingsInput struct {
	AssessmentRunArns []string       `json:"assessmentRunArns,omitempty"`
	Filter            *FindingFilter `json:"filter,omitempty"`
	NextToken         string         `json:"nextToken,omitempty"`
	MaxResults        int32          `json:"maxResults,omitempty"`
}

// ListFindingsOutput is the output of ListFindings.
type ListFindingsOutput struct {
	FindingArns []string `json:"findingArns"`
	NextToken   string   `json:"nextToken,omitempty"`
}

// ListRulesPackagesInput is the input of ListRulesPackages.
type ListRulesPackagesInput struct {
	NextToken  string `json:"nextToken,omitempty"`
	MaxResults int32  `json:"maxResults,omitempty"`
}

// ListRulesPackagesOutput is the output of ListRulesPackages.
type ListRulesPackagesOutput struct {
	RulesPackageArns []string `json:"rulesPackageArns"`
	NextToken        string   `json:"nextToken,omitempty"`
}

// ListTagsForResourceInput is the input of ListTagsForResource.
type ListTagsForResourceInput struct {
	ResourceArn string `json:"resourceArn"`
}

// ListTagsForResourceOutput is the output of ListTagsForResource.
type ListTagsForResourceOutput struct {
	Tags []Tag `json:"tags"`
}

// PreviewAgentsInput is the input of PreviewAgents.
type PreviewAgentsInput struct {
	PreviewAgentsArn string `json:"previewAgentsArn"`
	NextToken        string `json:"nextToken,omitempty"`
	MaxResults       int32  `json:"maxResults,omitempty"`
}

// PreviewAgentsOutput is the output of PreviewAgents.
type PreviewAgentsOutput struct {
	AgentPreviews []AgentPreview `json:"agentPreviews"`
	NextToken     string         `json:"nextToken,omitempty"`
}

// RegisterCrossAccountAccessRoleInput is the input of
// RegisterCrossAccountAccessRole.
type RegisterCrossAccountAccessRoleInput struct {
	RoleArn string `json:"roleArn"`
}

// RegisterCrossAccountAccessRoleOutput is the output of RegisterCrossAccountAccessRole (empty).
type RegisterCrossAccountAccessRoleOutput struct{}

// RemoveAttributesFromFindingsInput is the input of
// RemoveAttributesFromFindings.
type RemoveAttributesFromFindingsInput struct {
	FindingArns   []string `json:"findingArns"`
	AttributeKeys []string `json:"attributeKeys"`
}

// RemoveAttributesFromFindingsOutput is the output of
// RemoveAttributesFromFindings.
type RemoveAttributesFromFindingsOutput struct {
	FailedItems map[string]FailedItemDetails `json:"failedItems"`
}

// SetTagsForResourceInput is the input of SetTagsForResource.
type SetTagsForResourceInput struct {
	ResourceArn string `json:"resourceArn"`
	Tags        []Tag  `json:"tags,omitempty"`
}

// SetTagsForResourceOutput is the output of SetTagsForResource (empty).
type SetTagsForResourceOutput struct{}

// StartAssessmentRunInput is the input of StartAssessmentRun.
type StartAssessmentRunInput struct {
	AssessmentTemplateArn string `json:"assessmentTemplateArn"`
	AssessmentRunName     string `json:"assessmentRunName,omitempty"`
}

// StartAssessmentRunOutput is the output of StartAssessmentRun.
type StartAssessmentRunOutput struct {
	AssessmentRunArn string `json:"assessmentRunArn"`
}

// StopAssessmentRunInput is the input of StopAssessmentRun.
type StopAssessmentRunInput struct {
	AssessmentRunArn string     `json:"assessmentRunArn"`
	StopAction       StopAction `json:"stopAction,omitempty"`
}

// StopAssessmentRunOutput is the output of StopAssessmentRun (empty).
type StopAssessmentRunOutput struct{}

// SubscribeToEventInput is the input of SubscribeToEvent.
type SubscribeToEventInput struct {
	ResourceArn string         `json:"resourceArn"`
	Event       InspectorEvent `json:"event"`
	TopicArn    string         `json:"topicArn"`
}

// SubscribeToEventOutput is the output of SubscribeToEvent (empty).
type SubscribeToEventOutput struct{}

// UnsubscribeFromEventInput is the input of UnsubscribeFromEvent.
type UnsubscribeFromEventInput struct {
	ResourceArn string         `json:"resourceArn"`
	Event       InspectorEvent `json:"event"`
	TopicArn    string         `json:"topicArn"`
}

// UnsubscribeFromEventOutput is the output of UnsubscribeFromEvent (empty).
type UnsubscribeFromEventOutput struct{}

// UpdateAssessmentTargetInput is the input of UpdateAssessmentTarget.
type UpdateAssessmentTargetInput struct {
	AssessmentTargetArn  string `json:"assessmentTargetArn"`
	AssessmentTargetName string `json:"assessmentTargetName"`
	ResourceGroupArn     string `json:"resourceGroupArn,omitempty"`
}

// UpdateAssessmentTargetOutput is the output of UpdateAssessmentTarget (empty).
type UpdateAssessmentTargetOutput struct{}
