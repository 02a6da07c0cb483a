package inspector

import "time"

// The request and response shapes of the inspector2 operations and the
// structures inside them. Names follow the service model; json tags are the
// REST-JSON wire names, so the HTTP layer can encode and decode them
// directly. Timestamps are time.Time (the wire layer converts them to
// epoch seconds); optional members are pointers or carry omitempty/omitzero.

// Account is one account's Inspector status in Enable and Disable results.
type Account struct {
	AccountID      string          `json:"accountId"`
	Status         Status          `json:"status"`
	ResourceStatus *ResourceStatus `json:"resourceStatus"`
}

// ResourceStatus is the status of each scan type of an account.
type ResourceStatus struct {
	Ec2            Status `json:"ec2"`
	Ecr            Status `json:"ecr"`
	Lambda         Status `json:"lambda,omitempty"`
	LambdaCode     Status `json:"lambdaCode,omitempty"`
	CodeRepository Status `json:"codeRepository,omitempty"`
}

// FailedAccount is an account an operation could not act on, and why.
type FailedAccount struct {
	AccountID      string          `json:"accountId"`
	Status         Status          `json:"status,omitempty"`
	ResourceStatus *ResourceStatus `json:"resourceStatus,omitempty"`
	ErrorCode      ErrorCode       `json:"errorCode"`
	ErrorMessage   string          `json:"errorMessage"`
}

// EnableRequest is the input of Enable.
type EnableRequest struct {
	AccountIDs    []string           `json:"accountIds,omitempty"`
	ResourceTypes []ResourceScanType `json:"resourceTypes"`
	ClientToken   string             `json:"clientToken,omitempty"`
}

// EnableResponse is the output of Enable.
type EnableResponse struct {
	Accounts       []Account       `json:"accounts"`
	FailedAccounts []FailedAccount `json:"failedAccounts,omitempty"`
}

// DisableRequest is the input of Disable. No resource types means all.
type DisableRequest struct {
	AccountIDs    []string           `json:"accountIds,omitempty"`
	ResourceTypes []ResourceScanType `json:"resourceTypes,omitempty"`
}

// DisableResponse is the output of Disable.
type DisableResponse struct {
	Accounts       []Account       `json:"accounts"`
	FailedAccounts []FailedAccount `json:"failedAccounts,omitempty"`
}

// BatchGetAccountStatusRequest is the input of BatchGetAccountStatus.
type BatchGetAccountStatusRequest struct {
	AccountIDs []string `json:"accountIds,omitempty"`
}

// BatchGetAccountStatusResponse is the output of BatchGetAccountStatus.
type BatchGetAccountStatusResponse struct {
	Accounts       []AccountState  `json:"accounts"`
	FailedAccounts []FailedAccount `json:"failedAccounts,omitempty"`
}

// AccountState is an account's status and the state of each scan type.
type AccountState struct {
	AccountID     string         `json:"accountId"`
	State         *State         `json:"state"`
	ResourceState *ResourceState `json:"resourceState"`
}

// State is a status with the error that put it there, if any.
type State struct {
	Status       Status    `json:"status"`
	ErrorCode    ErrorCode `json:"errorCode,omitempty"`
	ErrorMessage string    `json:"errorMessage,omitempty"`
}

// ResourceState is the state of each scan type.
type ResourceState struct {
	Ec2            *State `json:"ec2"`
	Ecr            *State `json:"ecr"`
	Lambda         *State `json:"lambda,omitempty"`
	LambdaCode     *State `json:"lambdaCode,omitempty"`
	CodeRepository *State `json:"codeRepository,omitempty"`
}

// EnableDelegatedAdminAccountRequest is the input of
// EnableDelegatedAdminAccount.
type EnableDelegatedAdminAccountRequest struct {
	DelegatedAdminAccountID string `json:"delegatedAdminAccountId"`
	ClientToken             string `json:"clientToken,omitempty"`
}

// EnableDelegatedAdminAccountResponse is the output of
// EnableDelegatedAdminAccount.
type EnableDelegatedAdminAccountResponse struct {
	DelegatedAdminAccountID string `json:"delegatedAdminAccountId"`
}

// DisableDelegatedAdminAccountRequest is the input of
// DisableDelegatedAdminAccount.
type DisableDelegatedAdminAccountRequest struct {
	DelegatedAdminAccountID string `json:"delegatedAdminAccountId"`
}

// DisableDelegatedAdminAccountResponse is the output of
// DisableDelegatedAdminAccount.
type DisableDelegatedAdminAccountResponse struct {
	DelegatedAdminAccountID string `json:"delegatedAdminAccountId"`
}

// GetDelegatedAdminAccountResponse is the output of GetDelegatedAdminAccount.
type GetDelegatedAdminAccountResponse struct {
	DelegatedAdmin *DelegatedAdmin `json:"delegatedAdmin,omitempty"`
}

// DelegatedAdmin is the organization's delegated administrator as its
// members see it.
type DelegatedAdmin struct {
	AccountID          string             `json:"accountId,omitempty"`
	RelationshipStatus RelationshipStatus `json:"relationshipStatus,omitempty"`
}

// ListDelegatedAdminAccountsRequest is the input of
// ListDelegatedAdminAccounts.
type ListDelegatedAdminAccountsRequest struct {
	MaxResults int    `json:"maxResults,omitempty"`
	NextToken  string `json:"nextToken,omitempty"`
}

// ListDelegatedAdminAccountsResponse is the output of
// ListDelegatedAdminAccounts.
type ListDelegatedAdminAccountsResponse struct {
	DelegatedAdminAccounts []DelegatedAdminAccount `json:"delegatedAdminAccounts,omitempty"`
	NextToken              string                  `json:"nextToken,omitempty"`
}

// DelegatedAdminAccount is a delegated administrator as the management
// account sees it.
type DelegatedAdminAccount struct {
	AccountID string               `json:"accountId,omitempty"`
	Status    DelegatedAdminStatus `json:"status,omitempty"`
}

// AssociateMemberRequest is the input of AssociateMember.
type AssociateMemberRequest struct {
	AccountID string `json:"accountId"`
}

// AssociateMemberResponse is the output of AssociateMember.
type AssociateMemberResponse struct {
	AccountID string `json:"accountId"`
}

// DisassociateMemberRequest is the input of DisassociateMember.
type DisassociateMemberRequest struct {
	AccountID string `json:"accountId"`
}

// DisassociateMemberResponse is the output of DisassociateMember.
type DisassociateMemberResponse struct {
	AccountID string `json:"accountId"`
}

// GetMemberRequest is the input of GetMember.
type GetMemberRequest struct {
	AccountID string `json:"accountId"`
}

// GetMemberResponse is the output of GetMember.
type GetMemberResponse struct {
	Member *Member `json:"member,omitempty"`
}

// Member is an account of the organization as its delegated administrator
// sees it.
type Member struct {
	AccountID               string             `json:"accountId,omitempty"`
	RelationshipStatus      RelationshipStatus `json:"relationshipStatus,omitempty"`
	DelegatedAdminAccountID string             `json:"delegatedAdminAccountId,omitempty"`
	UpdatedAt               time.Time          `json:"updatedAt,omitzero"`
}

// ListMembersRequest is the input of ListMembers.
type ListMembersRequest struct {
	OnlyAssociated *bool  `json:"onlyAssociated,omitempty"`
	MaxResults     int    `json:"maxResults,omitempty"`
	NextToken      string `json:"nextToken,omitempty"`
}

// ListMembersResponse is the output of ListMembers.
type ListMembersResponse struct {
	Members   []Member `json:"members,omitempty"`
	NextToken string   `json:"nextToken,omitempty"`
}

// AutoEnable says which scan types are enabled for accounts when they are
// associated with the delegated administrator.
type AutoEnable struct {
	Ec2            *bool `json:"ec2"`
	Ecr            *bool `json:"ecr"`
	Lambda         *bool `json:"lambda,omitempty"`
	LambdaCode     *bool `json:"lambdaCode,omitempty"`
	CodeRepository *bool `json:"codeRepository,omitempty"`
}

// UpdateOrganizationConfigurationRequest is the input of
// UpdateOrganizationConfiguration.
type UpdateOrganizationConfigurationRequest struct {
	AutoEnable *AutoEnable `json:"autoEnable"`
}

// UpdateOrganizationConfigurationResponse is the output of
// UpdateOrganizationConfiguration.
type UpdateOrganizationConfigurationResponse struct {
	AutoEnable *AutoEnable `json:"autoEnable"`
}

// DescribeOrganizationConfigurationResponse is the output of
// DescribeOrganizationConfiguration.
type DescribeOrganizationConfigurationResponse struct {
	AutoEnable             *AutoEnable `json:"autoEnable,omitempty"`
	MaxAccountLimitReached *bool       `json:"maxAccountLimitReached,omitempty"`
}

// ListAccountPermissionsRequest is the input of ListAccountPermissions.
type ListAccountPermissionsRequest struct {
	Service    PermissionService `json:"service,omitempty"`
	MaxResults int               `json:"maxResults,omitempty"`
	NextToken  string            `json:"nextToken,omitempty"`
}

// ListAccountPermissionsResponse is the output of ListAccountPermissions.
type ListAccountPermissionsResponse struct {
	Permissions []Permission `json:"permissions"`
	NextToken   string       `json:"nextToken,omitempty"`
}

// Permission is one operation the caller may perform on a service.
type Permission struct {
	Service   PermissionService `json:"service"`
	Operation Operation         `json:"operation"`
}

// ListUsageTotalsRequest is the input of ListUsageTotals.
type ListUsageTotalsRequest struct {
	AccountIDs []string `json:"accountIds,omitempty"`
	MaxResults int      `json:"maxResults,omitempty"`
	NextToken  string   `json:"nextToken,omitempty"`
}

// ListUsageTotalsResponse is the output of ListUsageTotals.
type ListUsageTotalsResponse struct {
	Totals    []UsageTotal `json:"totals,omitempty"`
	NextToken string       `json:"nextToken,omitempty"`
}

// UsageTotal is one account's usage over the last 30 days.
type UsageTotal struct {
	AccountID string  `json:"accountId,omitempty"`
	Usage     []Usage `json:"usage,omitempty"`
}

// Usage is the usage of one metered dimension.
type Usage struct {
	Type                 UsageType `json:"type,omitempty"`
	Total                float64   `json:"total"`
	EstimatedMonthlyCost float64   `json:"estimatedMonthlyCost"`
	Currency             Currency  `json:"currency,omitempty"`
}

// Filter is a saved finding filter; with action SUPPRESS it is a
// suppression rule.
type Filter struct {
	Arn         string            `json:"arn"`
	OwnerID     string            `json:"ownerId"`
	Name        string            `json:"name"`
	Criteria    *FilterCriteria   `json:"criteria"`
	Action      FilterAction      `json:"action"`
	CreatedAt   time.Time         `json:"createdAt"`
	UpdatedAt   time.Time         `json:"updatedAt"`
	Description string            `json:"description,omitempty"`
	Reason      string            `json:"reason,omitempty"`
	Tags        map[string]string `json:"tags,omitempty"`
}

// CreateFilterRequest is the input of CreateFilter.
type CreateFilterRequest struct {
	Action         FilterAction      `json:"action"`
	Description    string            `json:"description,omitempty"`
	FilterCriteria *FilterCriteria   `json:"filterCriteria"`
	Name           string            `json:"name"`
	Tags           map[string]string `json:"tags,omitempty"`
	Reason         string            `json:"reason,omitempty"`
}

// CreateFilterResponse is the output of CreateFilter.
type CreateFilterResponse struct {
	Arn string `json:"arn"`
}

// UpdateFilterRequest is the input of UpdateFilter; nil/empty members are
// left unchanged.
type UpdateFilterRequest struct {
	Action         FilterAction    `json:"action,omitempty"`
	Description    *string         `json:"description,omitempty"`
	FilterCriteria *FilterCriteria `json:"filterCriteria,omitempty"`
	Name           *string         `json:"name,omitempty"`
	FilterArn      string          `json:"filterArn"`
	Reason         *string         `json:"reason,omitempty"`
}

// UpdateFilterResponse is the output of UpdateFilter.
type UpdateFilterResponse struct {
	Arn string `json:"arn"`
}

// DeleteFilterRequest is the input of DeleteFilter.
type DeleteFilterRequest struct {
	Arn string `json:"arn"`
}

// DeleteFilterResponse is the output of DeleteFilter.
type DeleteFilterResponse struct {
	Arn string `json:"arn"`
}

// ListFiltersRequest is the input of ListFilters.
type ListFiltersRequest struct {
	Arns       []string     `json:"arns,omitempty"`
	Action     FilterAction `json:"action,omitempty"`
	NextToken  string       `json:"nextToken,omitempty"`
	MaxResults int          `json:"maxResults,omitempty"`
}

// ListFiltersResponse is the output of ListFilters.
type ListFiltersResponse struct {
	Filters   []Filter `json:"filters"`
	NextToken string   `json:"nextToken,omitempty"`
}

// FilterCriteria selects findings: every field given must match (AND), and
// a field matches when any of its EQUALS/PREFIX entries matches (OR) and
// none of its NOT_EQUALS entries is violated (AND of negations). Each field
// takes 1 to 10 entries.
type FilterCriteria struct {
	FindingArn                     []StringFilter    `json:"findingArn,omitempty"`
	AwsAccountID                   []StringFilter    `json:"awsAccountId,omitempty"`
	FindingType                    []StringFilter    `json:"findingType,omitempty"`
	Severity                       []StringFilter    `json:"severity,omitempty"`
	FirstObservedAt                []DateFilter      `json:"firstObservedAt,omitempty"`
	LastObservedAt                 []DateFilter      `json:"lastObservedAt,omitempty"`
	UpdatedAt                      []DateFilter      `json:"updatedAt,omitempty"`
	FindingStatus                  []StringFilter    `json:"findingStatus,omitempty"`
	Title                          []StringFilter    `json:"title,omitempty"`
	InspectorScore                 []NumberFilter    `json:"inspectorScore,omitempty"`
	ResourceType                   []StringFilter    `json:"resourceType,omitempty"`
	ResourceID                     []StringFilter    `json:"resourceId,omitempty"`
	ResourceTags                   []MapFilter       `json:"resourceTags,omitempty"`
	Ec2InstanceImageID             []StringFilter    `json:"ec2InstanceImageId,omitempty"`
	Ec2InstanceVpcID               []StringFilter    `json:"ec2InstanceVpcId,omitempty"`
	Ec2InstanceSubnetID            []StringFilter    `json:"ec2InstanceSubnetId,omitempty"`
	EcrImagePushedAt               []DateFilter      `json:"ecrImagePushedAt,omitempty"`
	EcrImageArchitecture           []StringFilter    `json:"ecrImageArchitecture,omitempty"`
	EcrImageRegistry               []StringFilter    `json:"ecrImageRegistry,omitempty"`
	EcrImageRepositoryName         []StringFilter    `json:"ecrImageRepositoryName,omitempty"`
	EcrImageTags                   []StringFilter    `json:"ecrImageTags,omitempty"`
	EcrImageHash                   []StringFilter    `json:"ecrImageHash,omitempty"`
	EcrImageLastInUseAt            []DateFilter      `json:"ecrImageLastInUseAt,omitempty"`
	EcrImageInUseCount             []NumberFilter    `json:"ecrImageInUseCount,omitempty"`
	PortRange                      []PortRangeFilter `json:"portRange,omitempty"`
	NetworkProtocol                []StringFilter    `json:"networkProtocol,omitempty"`
	ComponentID                    []StringFilter    `json:"componentId,omitempty"`
	ComponentType                  []StringFilter    `json:"componentType,omitempty"`
	VulnerabilityID                []StringFilter    `json:"vulnerabilityId,omitempty"`
	VulnerabilitySource            []StringFilter    `json:"vulnerabilitySource,omitempty"`
	VendorSeverity                 []StringFilter    `json:"vendorSeverity,omitempty"`
	VulnerablePackages             []PackageFilter   `json:"vulnerablePackages,omitempty"`
	RelatedVulnerabilities         []StringFilter    `json:"relatedVulnerabilities,omitempty"`
	FixAvailable                   []StringFilter    `json:"fixAvailable,omitempty"`
	LambdaFunctionName             []StringFilter    `json:"lambdaFunctionName,omitempty"`
	LambdaFunctionLayers           []StringFilter    `json:"lambdaFunctionLayers,omitempty"`
	LambdaFunctionRuntime          []StringFilter    `json:"lambdaFunctionRuntime,omitempty"`
	LambdaFunctionLastModifiedAt   []DateFilter      `json:"lambdaFunctionLastModifiedAt,omitempty"`
	LambdaFunctionExecutionRoleArn []StringFilter    `json:"lambdaFunctionExecutionRoleArn,omitempty"`
	ExploitAvailable               []StringFilter    `json:"exploitAvailable,omitempty"`
	CodeVulnerabilityDetectorName  []StringFilter    `json:"codeVulnerabilityDetectorName,omitempty"`
	CodeVulnerabilityDetectorTags  []StringFilter    `json:"codeVulnerabilityDetectorTags,omitempty"`
	CodeVulnerabilityFilePath      []StringFilter    `json:"codeVulnerabilityFilePath,omitempty"`
	EpssScore                      []NumberFilter    `json:"epssScore,omitempty"`
	CodeRepositoryProjectName      []StringFilter    `json:"codeRepositoryProjectName,omitempty"`
	CodeRepositoryProviderType     []StringFilter    `json:"codeRepositoryProviderType,omitempty"`
}

// StringFilter compares a string field.
type StringFilter struct {
	Comparison StringComparison `json:"comparison"`
	Value      string           `json:"value"`
}

// NumberFilter is an inclusive range; a nil bound is open.
type NumberFilter struct {
	UpperInclusive *float64 `json:"upperInclusive,omitempty"`
	LowerInclusive *float64 `json:"lowerInclusive,omitempty"`
}

// DateFilter is an inclusive time range; a nil bound is open.
type DateFilter struct {
	StartInclusive *time.Time `json:"startInclusive,omitempty"`
	EndInclusive   *time.Time `json:"endInclusive,omitempty"`
}

// MapFilter matches a tag: the key must be present with exactly the value.
type MapFilter struct {
	Comparison MapComparison `json:"comparison"`
	Key        string        `json:"key"`
	Value      string        `json:"value,omitempty"`
}

// PortRangeFilter matches network findings whose open port range overlaps
// the inclusive range; a nil bound is open.
type PortRangeFilter struct {
	BeginInclusive *int `json:"beginInclusive,omitempty"`
	EndInclusive   *int `json:"endInclusive,omitempty"`
}

// PackageFilter matches findings with a vulnerable package that matches
// every sub-filter given.
type PackageFilter struct {
	Name                 *StringFilter `json:"name,omitempty"`
	Version              *StringFilter `json:"version,omitempty"`
	Epoch                *NumberFilter `json:"epoch,omitempty"`
	Release              *StringFilter `json:"release,omitempty"`
	Architecture         *StringFilter `json:"architecture,omitempty"`
	SourceLayerHash      *StringFilter `json:"sourceLayerHash,omitempty"`
	SourceLambdaLayerArn *StringFilter `json:"sourceLambdaLayerArn,omitempty"`
	FilePath             *StringFilter `json:"filePath,omitempty"`
}

// SortCriteria orders ListFindings results; both members are required.
type SortCriteria struct {
	Field     SortField `json:"field"`
	SortOrder SortOrder `json:"sortOrder"`
}

// ListFindingsRequest is the input of ListFindings.
type ListFindingsRequest struct {
	MaxResults     int             `json:"maxResults,omitempty"`
	NextToken      string          `json:"nextToken,omitempty"`
	FilterCriteria *FilterCriteria `json:"filterCriteria,omitempty"`
	SortCriteria   *SortCriteria   `json:"sortCriteria,omitempty"`
}

// ListFindingsResponse is the output of ListFindings.
type ListFindingsResponse struct {
	NextToken string    `json:"nextToken,omitempty"`
	Findings  []Finding `json:"findings,omitempty"`
}

// Finding is one Inspector finding.
type Finding struct {
	FindingArn                  string                       `json:"findingArn"`
	AwsAccountID                string                       `json:"awsAccountId"`
	Type                        FindingType                  `json:"type"`
	Description                 string                       `json:"description"`
	Title                       string                       `json:"title,omitempty"`
	Remediation                 *Remediation                 `json:"remediation"`
	Severity                    Severity                     `json:"severity"`
	FirstObservedAt             time.Time                    `json:"firstObservedAt"`
	LastObservedAt              time.Time                    `json:"lastObservedAt"`
	UpdatedAt                   time.Time                    `json:"updatedAt,omitzero"`
	Status                      FindingStatus                `json:"status"`
	Resources                   []Resource                   `json:"resources"`
	InspectorScore              *float64                     `json:"inspectorScore,omitempty"`
	InspectorScoreDetails       *InspectorScoreDetails       `json:"inspectorScoreDetails,omitempty"`
	NetworkReachabilityDetails  *NetworkReachabilityDetails  `json:"networkReachabilityDetails,omitempty"`
	PackageVulnerabilityDetails *PackageVulnerabilityDetails `json:"packageVulnerabilityDetails,omitempty"`
	FixAvailable                FixAvailable                 `json:"fixAvailable,omitempty"`
	ExploitAvailable            ExploitAvailable             `json:"exploitAvailable,omitempty"`
	ExploitabilityDetails       *ExploitabilityDetails       `json:"exploitabilityDetails,omitempty"`
}

// Remediation says how to fix a finding.
type Remediation struct {
	Recommendation *Recommendation `json:"recommendation,omitempty"`
}

// Recommendation is the remediation text and link.
type Recommendation struct {
	Text string `json:"text,omitempty"`
	URL  string `json:"Url,omitempty"`
}

// Resource is the resource a finding is about.
type Resource struct {
	Type      ResourceType      `json:"type"`
	ID        string            `json:"id"`
	Partition string            `json:"partition,omitempty"`
	Region    string            `json:"region,omitempty"`
	Tags      map[string]string `json:"tags,omitempty"`
	Details   *ResourceDetails  `json:"details,omitempty"`
}

// ResourceDetails holds the details of the one resource type.
type ResourceDetails struct {
	AwsEc2Instance       *AwsEc2InstanceDetails       `json:"awsEc2Instance,omitempty"`
	AwsEcrContainerImage *AwsEcrContainerImageDetails `json:"awsEcrContainerImage,omitempty"`
	AwsLambdaFunction    *AwsLambdaFunctionDetails    `json:"awsLambdaFunction,omitempty"`
}

// AwsEc2InstanceDetails describes an EC2 instance.
type AwsEc2InstanceDetails struct {
	Type                  string    `json:"type,omitempty"`
	ImageID               string    `json:"imageId,omitempty"`
	IPV4Addresses         []string  `json:"ipV4Addresses,omitempty"`
	IPV6Addresses         []string  `json:"ipV6Addresses,omitempty"`
	KeyName               string    `json:"keyName,omitempty"`
	IamInstanceProfileArn string    `json:"iamInstanceProfileArn,omitempty"`
	VpcID                 string    `json:"vpcId,omitempty"`
	SubnetID              string    `json:"subnetId,omitempty"`
	LaunchedAt            time.Time `json:"launchedAt,omitzero"`
	Platform              string    `json:"platform,omitempty"`
}

// AwsEcrContainerImageDetails describes a container image.
type AwsEcrContainerImageDetails struct {
	RepositoryName string    `json:"repositoryName"`
	ImageTags      []string  `json:"imageTags,omitempty"`
	PushedAt       time.Time `json:"pushedAt,omitzero"`
	Author         string    `json:"author,omitempty"`
	Architecture   string    `json:"architecture,omitempty"`
	ImageHash      string    `json:"imageHash"`
	Registry       string    `json:"registry"`
	Platform       string    `json:"platform,omitempty"`
	LastInUseAt    time.Time `json:"lastInUseAt,omitzero"`
	InUseCount     *int64    `json:"inUseCount,omitempty"`
}

// AwsLambdaFunctionDetails describes a Lambda function.
type AwsLambdaFunctionDetails struct {
	FunctionName     string         `json:"functionName"`
	Runtime          Runtime        `json:"runtime"`
	CodeSha256       string         `json:"codeSha256"`
	Version          string         `json:"version"`
	ExecutionRoleArn string         `json:"executionRoleArn"`
	Layers           []string       `json:"layers,omitempty"`
	PackageType      PackageType    `json:"packageType,omitempty"`
	Architectures    []Architecture `json:"architectures,omitempty"`
	LastModifiedAt   time.Time      `json:"lastModifiedAt,omitzero"`
}

// InspectorScoreDetails explains the Inspector score.
type InspectorScoreDetails struct {
	AdjustedCvss *CvssScoreDetails `json:"adjustedCvss,omitempty"`
}

// CvssScoreDetails is the CVSS score Inspector settled on and how it
// adjusted the base score.
type CvssScoreDetails struct {
	ScoreSource   string                `json:"scoreSource"`
	CvssSource    string                `json:"cvssSource,omitempty"`
	Version       string                `json:"version"`
	Score         float64               `json:"score"`
	ScoringVector string                `json:"scoringVector"`
	Adjustments   []CvssScoreAdjustment `json:"adjustments,omitempty"`
}

// CvssScoreAdjustment is one adjustment of a CVSS metric.
type CvssScoreAdjustment struct {
	Metric string `json:"metric"`
	Reason string `json:"reason"`
}

// NetworkReachabilityDetails describes an open network path.
type NetworkReachabilityDetails struct {
	OpenPortRange *PortRange      `json:"openPortRange"`
	Protocol      NetworkProtocol `json:"protocol"`
	NetworkPath   *NetworkPath    `json:"networkPath"`
}

// PortRange is an inclusive range of ports.
type PortRange struct {
	Begin int `json:"begin"`
	End   int `json:"end"`
}

// NetworkPath is the path from the internet to the instance.
type NetworkPath struct {
	Steps []Step `json:"steps,omitempty"`
}

// Step is one component on a network path.
type Step struct {
	ComponentID   string `json:"componentId"`
	ComponentType string `json:"componentType"`
	ComponentArn  string `json:"componentArn,omitempty"`
}

// PackageVulnerabilityDetails describes a vulnerability and the packages it
// affects.
type PackageVulnerabilityDetails struct {
	VulnerabilityID        string              `json:"vulnerabilityId"`
	VulnerablePackages     []VulnerablePackage `json:"vulnerablePackages,omitempty"`
	Source                 string              `json:"source"`
	Cvss                   []CvssScore         `json:"cvss,omitempty"`
	RelatedVulnerabilities []string            `json:"relatedVulnerabilities,omitempty"`
	SourceURL              string              `json:"sourceUrl,omitempty"`
	VendorSeverity         string              `json:"vendorSeverity,omitempty"`
	VendorCreatedAt        time.Time           `json:"vendorCreatedAt,omitzero"`
	VendorUpdatedAt        time.Time           `json:"vendorUpdatedAt,omitzero"`
	ReferenceUrls          []string            `json:"referenceUrls,omitempty"`
}

// VulnerablePackage is one installed package affected by a vulnerability.
type VulnerablePackage struct {
	Name                 string         `json:"name"`
	Version              string         `json:"version"`
	SourceLayerHash      string         `json:"sourceLayerHash,omitempty"`
	Epoch                int            `json:"epoch"`
	Release              string         `json:"release,omitempty"`
	Arch                 string         `json:"arch,omitempty"`
	PackageManager       PackageManager `json:"packageManager,omitempty"`
	FilePath             string         `json:"filePath,omitempty"`
	FixedInVersion       string         `json:"fixedInVersion,omitempty"`
	Remediation          string         `json:"remediation,omitempty"`
	SourceLambdaLayerArn string         `json:"sourceLambdaLayerArn,omitempty"`
}

// CvssScore is one CVSS score of a vulnerability.
type CvssScore struct {
	BaseScore     float64 `json:"baseScore"`
	ScoringVector string  `json:"scoringVector"`
	Version       string  `json:"version"`
	Source        string  `json:"source"`
}

// ExploitabilityDetails says when an exploit was last seen.
type ExploitabilityDetails struct {
	LastKnownExploitAt time.Time `json:"lastKnownExploitAt,omitzero"`
}

// ListFindingAggregationsRequest is the input of ListFindingAggregations.
type ListFindingAggregationsRequest struct {
	AggregationType    AggregationType     `json:"aggregationType"`
	NextToken          string              `json:"nextToken,omitempty"`
	MaxResults         int                 `json:"maxResults,omitempty"`
	AccountIDs         []StringFilter      `json:"accountIds,omitempty"`
	AggregationRequest *AggregationRequest `json:"aggregationRequest,omitempty"`
}

// ListFindingAggregationsResponse is the output of ListFindingAggregations.
type ListFindingAggregationsResponse struct {
	AggregationType AggregationType       `json:"aggregationType"`
	Responses       []AggregationResponse `json:"responses,omitempty"`
	NextToken       string                `json:"nextToken,omitempty"`
}

// AggregationRequest is a union: set the one member matching the
// aggregation type.
type AggregationRequest struct {
	AccountAggregation         *AccountAggregation         `json:"accountAggregation,omitempty"`
	AmiAggregation             *AmiAggregation             `json:"amiAggregation,omitempty"`
	AwsEcrContainerAggregation *AwsEcrContainerAggregation `json:"awsEcrContainerAggregation,omitempty"`
	Ec2InstanceAggregation     *Ec2InstanceAggregation     `json:"ec2InstanceAggregation,omitempty"`
	FindingTypeAggregation     *FindingTypeAggregation     `json:"findingTypeAggregation,omitempty"`
	ImageLayerAggregation      *ImageLayerAggregation      `json:"imageLayerAggregation,omitempty"`
	PackageAggregation         *PackageAggregation         `json:"packageAggregation,omitempty"`
	RepositoryAggregation      *RepositoryAggregation      `json:"repositoryAggregation,omitempty"`
	TitleAggregation           *TitleAggregation           `json:"titleAggregation,omitempty"`
	LambdaLayerAggregation     *LambdaLayerAggregation     `json:"lambdaLayerAggregation,omitempty"`
	LambdaFunctionAggregation  *LambdaFunctionAggregation  `json:"lambdaFunctionAggregation,omitempty"`
	CodeRepositoryAggregation  *CodeRepositoryAggregation  `json:"codeRepositoryAggregation,omitempty"`
}

// AccountAggregation counts findings per account.
type AccountAggregation struct {
	FindingType  AggregationFindingType  `json:"findingType,omitempty"`
	ResourceType AggregationResourceType `json:"resourceType,omitempty"`
	SortOrder    SortOrder               `json:"sortOrder,omitempty"`
	SortBy       AccountSortBy           `json:"sortBy,omitempty"`
}

// AmiAggregation counts findings per AMI.
type AmiAggregation struct {
	Amis      []StringFilter `json:"amis,omitempty"`
	SortOrder SortOrder      `json:"sortOrder,omitempty"`
	SortBy    AmiSortBy      `json:"sortBy,omitempty"`
}

// AwsEcrContainerAggregation counts findings per container image.
type AwsEcrContainerAggregation struct {
	ResourceIDs   []StringFilter        `json:"resourceIds,omitempty"`
	ImageShas     []StringFilter        `json:"imageShas,omitempty"`
	Repositories  []StringFilter        `json:"repositories,omitempty"`
	Architectures []StringFilter        `json:"architectures,omitempty"`
	ImageTags     []StringFilter        `json:"imageTags,omitempty"`
	SortOrder     SortOrder             `json:"sortOrder,omitempty"`
	SortBy        AwsEcrContainerSortBy `json:"sortBy,omitempty"`
	LastInUseAt   []DateFilter          `json:"lastInUseAt,omitempty"`
	InUseCount    []NumberFilter        `json:"inUseCount,omitempty"`
}

// Ec2InstanceAggregation counts findings per EC2 instance.
type Ec2InstanceAggregation struct {
	Amis             []StringFilter    `json:"amis,omitempty"`
	OperatingSystems []StringFilter    `json:"operatingSystems,omitempty"`
	InstanceIDs      []StringFilter    `json:"instanceIds,omitempty"`
	InstanceTags     []MapFilter       `json:"instanceTags,omitempty"`
	SortOrder        SortOrder         `json:"sortOrder,omitempty"`
	SortBy           Ec2InstanceSortBy `json:"sortBy,omitempty"`
}

// FindingTypeAggregation counts findings per account for one finding type
// and resource type.
type FindingTypeAggregation struct {
	FindingType  AggregationFindingType  `json:"findingType,omitempty"`
	ResourceType AggregationResourceType `json:"resourceType,omitempty"`
	SortOrder    SortOrder               `json:"sortOrder,omitempty"`
	SortBy       FindingTypeSortBy       `json:"sortBy,omitempty"`
}

// ImageLayerAggregation counts findings per container image layer.
type ImageLayerAggregation struct {
	Repositories []StringFilter   `json:"repositories,omitempty"`
	ResourceIDs  []StringFilter   `json:"resourceIds,omitempty"`
	LayerHashes  []StringFilter   `json:"layerHashes,omitempty"`
	SortOrder    SortOrder        `json:"sortOrder,omitempty"`
	SortBy       ImageLayerSortBy `json:"sortBy,omitempty"`
}

// PackageAggregation counts findings per vulnerable package name.
type PackageAggregation struct {
	PackageNames []StringFilter `json:"packageNames,omitempty"`
	SortOrder    SortOrder      `json:"sortOrder,omitempty"`
	SortBy       PackageSortBy  `json:"sortBy,omitempty"`
}

// RepositoryAggregation counts findings per ECR repository.
type RepositoryAggregation struct {
	Repositories []StringFilter   `json:"repositories,omitempty"`
	SortOrder    SortOrder        `json:"sortOrder,omitempty"`
	SortBy       RepositorySortBy `json:"sortBy,omitempty"`
}

// TitleAggregation counts findings per title.
type TitleAggregation struct {
	Titles           []StringFilter          `json:"titles,omitempty"`
	VulnerabilityIDs []StringFilter          `json:"vulnerabilityIds,omitempty"`
	ResourceType     AggregationResourceType `json:"resourceType,omitempty"`
	SortOrder        SortOrder               `json:"sortOrder,omitempty"`
	SortBy           TitleSortBy             `json:"sortBy,omitempty"`
	FindingType      AggregationFindingType  `json:"findingType,omitempty"`
}

// LambdaLayerAggregation counts findings per function and layer.
type LambdaLayerAggregation struct {
	FunctionNames []StringFilter    `json:"functionNames,omitempty"`
	ResourceIDs   []StringFilter    `json:"resourceIds,omitempty"`
	LayerArns     []StringFilter    `json:"layerArns,omitempty"`
	SortOrder     SortOrder         `json:"sortOrder,omitempty"`
	SortBy        LambdaLayerSortBy `json:"sortBy,omitempty"`
}

// LambdaFunctionAggregation counts findings per Lambda function.
type LambdaFunctionAggregation struct {
	ResourceIDs   []StringFilter       `json:"resourceIds,omitempty"`
	FunctionNames []StringFilter       `json:"functionNames,omitempty"`
	Runtimes      []StringFilter       `json:"runtimes,omitempty"`
	FunctionTags  []MapFilter          `json:"functionTags,omitempty"`
	SortOrder     SortOrder            `json:"sortOrder,omitempty"`
	SortBy        LambdaFunctionSortBy `json:"sortBy,omitempty"`
}

// CodeRepositoryAggregation counts findings per code repository.
type CodeRepositoryAggregation struct {
	ProjectNames  []StringFilter       `json:"projectNames,omitempty"`
	ProviderTypes []StringFilter       `json:"providerTypes,omitempty"`
	SortOrder     SortOrder            `json:"sortOrder,omitempty"`
	SortBy        CodeRepositorySortBy `json:"sortBy,omitempty"`
	ResourceIDs   []StringFilter       `json:"resourceIds,omitempty"`
}

// AggregationResponse is a union: the member matching the aggregation type
// is set.
type AggregationResponse struct {
	AccountAggregation         *AccountAggregationResponse         `json:"accountAggregation,omitempty"`
	AmiAggregation             *AmiAggregationResponse             `json:"amiAggregation,omitempty"`
	AwsEcrContainerAggregation *AwsEcrContainerAggregationResponse `json:"awsEcrContainerAggregation,omitempty"`
	Ec2InstanceAggregation     *Ec2InstanceAggregationResponse     `json:"ec2InstanceAggregation,omitempty"`
	FindingTypeAggregation     *FindingTypeAggregationResponse     `json:"findingTypeAggregation,omitempty"`
	ImageLayerAggregation      *ImageLayerAggregationResponse      `json:"imageLayerAggregation,omitempty"`
	PackageAggregation         *PackageAggregationResponse         `json:"packageAggregation,omitempty"`
	RepositoryAggregation      *RepositoryAggregationResponse      `json:"repositoryAggregation,omitempty"`
	TitleAggregation           *TitleAggregationResponse           `json:"titleAggregation,omitempty"`
	LambdaLayerAggregation     *LambdaLayerAggregationResponse     `json:"lambdaLayerAggregation,omitempty"`
	LambdaFunctionAggregation  *LambdaFunctionAggregationResponse  `json:"lambdaFunctionAggregation,omitempty"`
	CodeRepositoryAggregation  *CodeRepositoryAggregationResponse  `json:"codeRepositoryAggregation,omitempty"`
}

// SeverityCounts counts findings by severity; All counts every severity.
type SeverityCounts struct {
	All      int64 `json:"all"`
	Medium   int64 `json:"medium"`
	High     int64 `json:"high"`
	Critical int64 `json:"critical"`
}

// AccountAggregationResponse is one account's counts.
type AccountAggregationResponse struct {
	AccountID             string          `json:"accountId,omitempty"`
	SeverityCounts        *SeverityCounts `json:"severityCounts,omitempty"`
	ExploitAvailableCount int64           `json:"exploitAvailableCount"`
	FixAvailableCount     int64           `json:"fixAvailableCount"`
}

// AmiAggregationResponse is one AMI's counts.
type AmiAggregationResponse struct {
	Ami               string          `json:"ami"`
	AccountID         string          `json:"accountId,omitempty"`
	SeverityCounts    *SeverityCounts `json:"severityCounts,omitempty"`
	AffectedInstances int64           `json:"affectedInstances"`
}

// AwsEcrContainerAggregationResponse is one image's counts.
type AwsEcrContainerAggregationResponse struct {
	ResourceID     string          `json:"resourceId"`
	ImageSha       string          `json:"imageSha,omitempty"`
	Repository     string          `json:"repository,omitempty"`
	Architecture   string          `json:"architecture,omitempty"`
	ImageTags      []string        `json:"imageTags,omitempty"`
	AccountID      string          `json:"accountId,omitempty"`
	SeverityCounts *SeverityCounts `json:"severityCounts,omitempty"`
	LastInUseAt    time.Time       `json:"lastInUseAt,omitzero"`
	InUseCount     *int64          `json:"inUseCount,omitempty"`
}

// Ec2InstanceAggregationResponse is one instance's counts.
type Ec2InstanceAggregationResponse struct {
	InstanceID      string            `json:"instanceId"`
	Ami             string            `json:"ami,omitempty"`
	OperatingSystem string            `json:"operatingSystem,omitempty"`
	InstanceTags    map[string]string `json:"instanceTags,omitempty"`
	AccountID       string            `json:"accountId,omitempty"`
	SeverityCounts  *SeverityCounts   `json:"severityCounts,omitempty"`
	NetworkFindings int64             `json:"networkFindings"`
}

// FindingTypeAggregationResponse is one account's counts for a finding
// type.
type FindingTypeAggregationResponse struct {
	AccountID             string          `json:"accountId,omitempty"`
	SeverityCounts        *SeverityCounts `json:"severityCounts,omitempty"`
	ExploitAvailableCount int64           `json:"exploitAvailableCount"`
	FixAvailableCount     int64           `json:"fixAvailableCount"`
}

// ImageLayerAggregationResponse is one layer's counts.
type ImageLayerAggregationResponse struct {
	Repository     string          `json:"repository"`
	ResourceID     string          `json:"resourceId"`
	LayerHash      string          `json:"layerHash"`
	AccountID      string          `json:"accountId"`
	SeverityCounts *SeverityCounts `json:"severityCounts,omitempty"`
}

// PackageAggregationResponse is one package's counts.
type PackageAggregationResponse struct {
	PackageName    string          `json:"packageName"`
	AccountID      string          `json:"accountId,omitempty"`
	SeverityCounts *SeverityCounts `json:"severityCounts,omitempty"`
}

// RepositoryAggregationResponse is one repository's counts.
type RepositoryAggregationResponse struct {
	Repository     string          `json:"repository"`
	AccountID      string          `json:"accountId,omitempty"`
	SeverityCounts *SeverityCounts `json:"severityCounts,omitempty"`
	AffectedImages int64           `json:"affectedImages"`
}

// TitleAggregationResponse is one title's counts.
type TitleAggregationResponse struct {
	Title           string          `json:"title"`
	VulnerabilityID string          `json:"vulnerabilityId,omitempty"`
	AccountID       string          `json:"accountId,omitempty"`
	SeverityCounts  *SeverityCounts `json:"severityCounts,omitempty"`
}

// LambdaLayerAggregationResponse is one function layer's counts.
type LambdaLayerAggregationResponse struct {
	FunctionName   string          `json:"functionName"`
	ResourceID     string          `json:"resourceId"`
	LayerArn       string          `json:"layerArn"`
	AccountID      string          `json:"accountId"`
	SeverityCounts *SeverityCounts `json:"severityCounts,omitempty"`
}

// LambdaFunctionAggregationResponse is one function's counts.
type LambdaFunctionAggregationResponse struct {
	ResourceID     string            `json:"resourceId"`
	FunctionName   string            `json:"functionName,omitempty"`
	Runtime        string            `json:"runtime,omitempty"`
	LambdaTags     map[string]string `json:"lambdaTags,omitempty"`
	AccountID      string            `json:"accountId,omitempty"`
	SeverityCounts *SeverityCounts   `json:"severityCounts,omitempty"`
	LastModifiedAt time.Time         `json:"lastModifiedAt,omitzero"`
}

// CodeRepositoryAggregationResponse is one code repository's counts. Code
// repositories are not scanned by this model, so no rows are returned.
type CodeRepositoryAggregationResponse struct {
	ProjectNames                        string          `json:"projectNames"`
	ProviderType                        string          `json:"providerType,omitempty"`
	SeverityCounts                      *SeverityCounts `json:"severityCounts,omitempty"`
	ExploitAvailableActiveFindingsCount int64           `json:"exploitAvailableActiveFindingsCount"`
	FixAvailableActiveFindingsCount     int64           `json:"fixAvailableActiveFindingsCount"`
	AccountID                           string          `json:"accountId,omitempty"`
	ResourceID                          string          `json:"resourceId,omitempty"`
}

// ListCoverageRequest is the input of ListCoverage.
type ListCoverageRequest struct {
	MaxResults     int                     `json:"maxResults,omitempty"`
	NextToken      string                  `json:"nextToken,omitempty"`
	FilterCriteria *CoverageFilterCriteria `json:"filterCriteria,omitempty"`
}

// ListCoverageResponse is the output of ListCoverage.
type ListCoverageResponse struct {
	NextToken        string            `json:"nextToken,omitempty"`
	CoveredResources []CoveredResource `json:"coveredResources,omitempty"`
}

// CoverageFilterCriteria selects covered resources, with the same AND/OR
// rules as FilterCriteria (string comparisons EQUALS and NOT_EQUALS only).
type CoverageFilterCriteria struct {
	ScanStatusCode                       []CoverageStringFilter `json:"scanStatusCode,omitempty"`
	ScanStatusReason                     []CoverageStringFilter `json:"scanStatusReason,omitempty"`
	AccountID                            []CoverageStringFilter `json:"accountId,omitempty"`
	ResourceID                           []CoverageStringFilter `json:"resourceId,omitempty"`
	ResourceType                         []CoverageStringFilter `json:"resourceType,omitempty"`
	ScanType                             []CoverageStringFilter `json:"scanType,omitempty"`
	EcrRepositoryName                    []CoverageStringFilter `json:"ecrRepositoryName,omitempty"`
	EcrImageTags                         []CoverageStringFilter `json:"ecrImageTags,omitempty"`
	Ec2InstanceTags                      []CoverageMapFilter    `json:"ec2InstanceTags,omitempty"`
	LambdaFunctionName                   []CoverageStringFilter `json:"lambdaFunctionName,omitempty"`
	LambdaFunctionTags                   []CoverageMapFilter    `json:"lambdaFunctionTags,omitempty"`
	LambdaFunctionRuntime                []CoverageStringFilter `json:"lambdaFunctionRuntime,omitempty"`
	LastScannedAt                        []CoverageDateFilter   `json:"lastScannedAt,omitempty"`
	ScanMode                             []CoverageStringFilter `json:"scanMode,omitempty"`
	ImagePulledAt                        []CoverageDateFilter   `json:"imagePulledAt,omitempty"`
	EcrImageLastInUseAt                  []CoverageDateFilter   `json:"ecrImageLastInUseAt,omitempty"`
	EcrImageInUseCount                   []CoverageNumberFilter `json:"ecrImageInUseCount,omitempty"`
	CodeRepositoryProjectName            []CoverageStringFilter `json:"codeRepositoryProjectName,omitempty"`
	CodeRepositoryProviderType           []CoverageStringFilter `json:"codeRepositoryProviderType,omitempty"`
	CodeRepositoryProviderTypeVisibility []CoverageStringFilter `json:"codeRepositoryProviderTypeVisibility,omitempty"`
	LastScannedCommitID                  []CoverageStringFilter `json:"lastScannedCommitId,omitempty"`
}

// CoverageStringFilter compares a string field (EQUALS or NOT_EQUALS).
type CoverageStringFilter struct {
	Comparison CoverageStringComparison `json:"comparison"`
	Value      string                   `json:"value"`
}

// CoverageMapFilter matches a tag.
type CoverageMapFilter struct {
	Comparison CoverageMapComparison `json:"comparison"`
	Key        string                `json:"key"`
	Value      string                `json:"value,omitempty"`
}

// CoverageDateFilter is an inclusive time range.
type CoverageDateFilter struct {
	StartInclusive *time.Time `json:"startInclusive,omitempty"`
	EndInclusive   *time.Time `json:"endInclusive,omitempty"`
}

// CoverageNumberFilter is an inclusive integer range.
type CoverageNumberFilter struct {
	UpperInclusive *int64 `json:"upperInclusive,omitempty"`
	LowerInclusive *int64 `json:"lowerInclusive,omitempty"`
}

// CoveredResource is a resource Inspector scans and how its scanning goes.
type CoveredResource struct {
	ResourceType     CoverageResourceType  `json:"resourceType"`
	ResourceID       string                `json:"resourceId"`
	AccountID        string                `json:"accountId"`
	ScanType         ScanType              `json:"scanType"`
	ScanStatus       *ScanStatus           `json:"scanStatus,omitempty"`
	ResourceMetadata *ResourceScanMetadata `json:"resourceMetadata,omitempty"`
	LastScannedAt    time.Time             `json:"lastScannedAt,omitzero"`
	ScanMode         ScanMode              `json:"scanMode,omitempty"`
}

// ScanStatus is whether a resource is scanned, and why (not).
type ScanStatus struct {
	StatusCode ScanStatusCode   `json:"statusCode"`
	Reason     ScanStatusReason `json:"reason"`
}

// ResourceScanMetadata holds the metadata of the one resource type.
type ResourceScanMetadata struct {
	EcrRepository  *EcrRepositoryMetadata     `json:"ecrRepository,omitempty"`
	EcrImage       *EcrContainerImageMetadata `json:"ecrImage,omitempty"`
	Ec2            *Ec2Metadata               `json:"ec2,omitempty"`
	LambdaFunction *LambdaFunctionMetadata    `json:"lambdaFunction,omitempty"`
}

// EcrRepositoryMetadata describes a repository.
type EcrRepositoryMetadata struct {
	Name          string           `json:"name,omitempty"`
	ScanFrequency EcrScanFrequency `json:"scanFrequency,omitempty"`
}

// EcrContainerImageMetadata describes an image.
type EcrContainerImageMetadata struct {
	Tags          []string  `json:"tags,omitempty"`
	ImagePulledAt time.Time `json:"imagePulledAt,omitzero"`
	LastInUseAt   time.Time `json:"lastInUseAt,omitzero"`
	InUseCount    *int64    `json:"inUseCount,omitempty"`
}

// Ec2Metadata describes an instance.
type Ec2Metadata struct {
	Tags     map[string]string `json:"tags,omitempty"`
	AmiID    string            `json:"amiId,omitempty"`
	Platform Ec2Platform       `json:"platform,omitempty"`
}

// LambdaFunctionMetadata describes a function.
type LambdaFunctionMetadata struct {
	FunctionTags map[string]string `json:"functionTags,omitempty"`
	Layers       []string          `json:"layers,omitempty"`
	FunctionName string            `json:"functionName,omitempty"`
	Runtime      Runtime           `json:"runtime,omitempty"`
}

// ListCoverageStatisticsRequest is the input of ListCoverageStatistics.
type ListCoverageStatisticsRequest struct {
	FilterCriteria *CoverageFilterCriteria `json:"filterCriteria,omitempty"`
	GroupBy        GroupKey                `json:"groupBy,omitempty"`
	NextToken      string                  `json:"nextToken,omitempty"`
}

// ListCoverageStatisticsResponse is the output of ListCoverageStatistics.
type ListCoverageStatisticsResponse struct {
	CountsByGroup []Counts `json:"countsByGroup,omitempty"`
	TotalCounts   int64    `json:"totalCounts"`
	NextToken     string   `json:"nextToken,omitempty"`
}

// Counts is the number of covered resources in one group. GroupKey is the
// group's value (an account id, a resource type, ...), as the service
// returns it despite the model typing it as the GroupKey enum.
type Counts struct {
	Count    int64  `json:"count"`
	GroupKey string `json:"groupKey,omitempty"`
}
