// The inspector2 enums, with the values of the 2020-06-08 service model and
// the names aws-sdk-go-v2 gives them.

package inspector

// Status is the inspector2 Status enum.
type Status string

// Status values.
const (
	StatusEnabling   Status = "ENABLING"
	StatusEnabled    Status = "ENABLED"
	StatusDisabling  Status = "DISABLING"
	StatusDisabled   Status = "DISABLED"
	StatusSuspending Status = "SUSPENDING"
	StatusSuspended  Status = "SUSPENDED"
)

// Values lists every Status.
func (Status) Values() []Status {
	return []Status{StatusEnabling, StatusEnabled, StatusDisabling, StatusDisabled, StatusSuspending, StatusSuspended}
}

// ResourceScanType is the inspector2 ResourceScanType enum.
type ResourceScanType string

// ResourceScanType values.
const (
	ResourceScanTypeEc2            ResourceScanType = "EC2"
	ResourceScanTypeEcr            ResourceScanType = "ECR"
	ResourceScanTypeLambda         ResourceScanType = "LAMBDA"
	ResourceScanTypeLambdaCode     ResourceScanType = "LAMBDA_CODE"
	ResourceScanTypeCodeRepository ResourceScanType = "CODE_REPOSITORY"
)

// Values lists every ResourceScanType.
func (ResourceScanType) Values() []ResourceScanType {
	return []ResourceScanType{ResourceScanTypeEc2, ResourceScanTypeEcr, ResourceScanTypeLambda, ResourceScanTypeLambdaCode, ResourceScanTypeCodeRepository}
}

// ErrorCode is the inspector2 ErrorCode enum.
type ErrorCode string

// ErrorCode values.
const (
	ErrorCodeAlreadyEnabled                        ErrorCode = "ALREADY_ENABLED"
	ErrorCodeEnableInProgress                      ErrorCode = "ENABLE_IN_PROGRESS"
	ErrorCodeDisableInProgress                     ErrorCode = "DISABLE_IN_PROGRESS"
	ErrorCodeSuspendInProgress                     ErrorCode = "SUSPEND_IN_PROGRESS"
	ErrorCodeResourceNotFound                      ErrorCode = "RESOURCE_NOT_FOUND"
	ErrorCodeAccessDenied                          ErrorCode = "ACCESS_DENIED"
	ErrorCodeInternalError                         ErrorCode = "INTERNAL_ERROR"
	ErrorCodeSsmUnavailable                        ErrorCode = "SSM_UNAVAILABLE"
	ErrorCodeSsmThrottled                          ErrorCode = "SSM_THROTTLED"
	ErrorCodeEventbridgeUnavailable                ErrorCode = "EVENTBRIDGE_UNAVAILABLE"
	ErrorCodeEventbridgeThrottled                  ErrorCode = "EVENTBRIDGE_THROTTLED"
	ErrorCodeResourceScanNotDisabled               ErrorCode = "RESOURCE_SCAN_NOT_DISABLED"
	ErrorCodeDisassociateAllMembers                ErrorCode = "DISASSOCIATE_ALL_MEMBERS"
	ErrorCodeAccountIsIsolated                     ErrorCode = "ACCOUNT_IS_ISOLATED"
	ErrorCodeEc2SsmResourceDataSyncLimitExceeded   ErrorCode = "EC2_SSM_RESOURCE_DATA_SYNC_LIMIT_EXCEEDED"
	ErrorCodeEc2SsmAssociationVersionLimitExceeded ErrorCode = "EC2_SSM_ASSOCIATION_VERSION_LIMIT_EXCEEDED"
	ErrorCodeBlockedByOrganizationPolicy           ErrorCode = "BLOCKED_BY_ORGANIZATION_POLICY"
)

// Values lists every ErrorCode.
func (ErrorCode) Values() []ErrorCode {
	return []ErrorCode{ErrorCodeAlreadyEnabled, ErrorCodeEnableInProgress, ErrorCodeDisableInProgress, ErrorCodeSuspendInProgress, ErrorCodeResourceNotFound, ErrorCodeAccessDenied, ErrorCodeInternalError, ErrorCodeSsmUnavailable, ErrorCodeSsmThrottled, ErrorCodeEventbridgeUnavailable, ErrorCodeEventbridgeThrottled, ErrorCodeResourceScanNotDisabled, ErrorCodeDisassociateAllMembers, ErrorCodeAccountIsIsolated, ErrorCodeEc2SsmResourceDataSyncLimitExceeded, ErrorCodeEc2SsmAssociationVersionLimitExceeded, ErrorCodeBlockedByOrganizationPolicy}
}

// RelationshipStatus is the inspector2 RelationshipStatus enum.
type RelationshipStatus string

// RelationshipStatus values.
const (
	RelationshipStatusCreated                         RelationshipStatus = "CREATED"
	RelationshipStatusInvited                         RelationshipStatus = "INVITED"
	RelationshipStatusDisabled                        RelationshipStatus = "DISABLED"
	RelationshipStatusEnabled                         RelationshipStatus = "ENABLED"
	RelationshipStatusRemoved                         RelationshipStatus = "REMOVED"
	RelationshipStatusResigned                        RelationshipStatus = "RESIGNED"
	RelationshipStatusDeleted                         RelationshipStatus = "DELETED"
	RelationshipStatusEmailVerificationInProgress     RelationshipStatus = "EMAIL_VERIFICATION_IN_PROGRESS"
	RelationshipStatusEmailVerificationFailed         RelationshipStatus = "EMAIL_VERIFICATION_FAILED"
	RelationshipStatusRegionDisabled                  RelationshipStatus = "REGION_DISABLED"
	RelationshipStatusAccountSuspended                RelationshipStatus = "ACCOUNT_SUSPENDED"
	RelationshipStatusCannotCreateDetectorInOrgMaster RelationshipStatus = "CANNOT_CREATE_DETECTOR_IN_ORG_MASTER"
)

// Values lists every RelationshipStatus.
func (RelationshipStatus) Values() []RelationshipStatus {
	return []RelationshipStatus{RelationshipStatusCreated, RelationshipStatusInvited, RelationshipStatusDisabled, RelationshipStatusEnabled, RelationshipStatusRemoved, RelationshipStatusResigned, RelationshipStatusDeleted, RelationshipStatusEmailVerificationInProgress, RelationshipStatusEmailVerificationFailed, RelationshipStatusRegionDisabled, RelationshipStatusAccountSuspended, RelationshipStatusCannotCreateDetectorInOrgMaster}
}

// DelegatedAdminStatus is the inspector2 DelegatedAdminStatus enum.
type DelegatedAdminStatus string

// DelegatedAdminStatus values.
const (
	DelegatedAdminStatusEnabled           DelegatedAdminStatus = "ENABLED"
	DelegatedAdminStatusDisableInProgress DelegatedAdminStatus = "DISABLE_IN_PROGRESS"
)

// Values lists every DelegatedAdminStatus.
func (DelegatedAdminStatus) Values() []DelegatedAdminStatus {
	return []DelegatedAdminStatus{DelegatedAdminStatusEnabled, DelegatedAdminStatusDisableInProgress}
}

// FilterAction is the inspector2 FilterAction enum.
type FilterAction string

// FilterAction values.
const (
	FilterActionNone     FilterAction = "NONE"
	FilterActionSuppress FilterAction = "SUPPRESS"
)

// Values lists every FilterAction.
func (FilterAction) Values() []FilterAction {
	return []FilterAction{FilterActionNone, FilterActionSuppress}
}

// FindingStatus is the inspector2 FindingStatus enum.
type FindingStatus string

// FindingStatus values.
const (
	FindingStatusActive     FindingStatus = "ACTIVE"
	FindingStatusSuppressed FindingStatus = "SUPPRESSED"
	FindingStatusClosed     FindingStatus = "CLOSED"
)

// Values lists every FindingStatus.
func (FindingStatus) Values() []FindingStatus {
	return []FindingStatus{FindingStatusActive, FindingStatusSuppressed, FindingStatusClosed}
}

// FindingType is the inspector2 FindingType enum.
type FindingType string

// FindingType values.
const (
	FindingTypeNetworkReachability  FindingType = "NETWORK_REACHABILITY"
	FindingTypePackageVulnerability FindingType = "PACKAGE_VULNERABILITY"
	FindingTypeCodeVulnerability    FindingType = "CODE_VULNERABILITY"
)

// Values lists every FindingType.
func (FindingType) Values() []FindingType {
	return []FindingType{FindingTypeNetworkReachability, FindingTypePackageVulnerability, FindingTypeCodeVulnerability}
}

// Severity is the inspector2 Severity enum.
type Severity string

// Severity values.
const (
	SeverityInformational Severity = "INFORMATIONAL"
	SeverityLow           Severity = "LOW"
	SeverityMedium        Severity = "MEDIUM"
	SeverityHigh          Severity = "HIGH"
	SeverityCritical      Severity = "CRITICAL"
	SeverityUntriaged     Severity = "UNTRIAGED"
)

// Values lists every Severity.
func (Severity) Values() []Severity {
	return []Severity{SeverityInformational, SeverityLow, SeverityMedium, SeverityHigh, SeverityCritical, SeverityUntriaged}
}

// ResourceType is the inspector2 ResourceType enum.
type ResourceType string

// ResourceType values.
const (
	ResourceTypeAwsEc2Instance       ResourceType = "AWS_EC2_INSTANCE"
	ResourceTypeAwsEcrContainerImage ResourceType = "AWS_ECR_CONTAINER_IMAGE"
	ResourceTypeAwsEcrRepository     ResourceType = "AWS_ECR_REPOSITORY"
	ResourceTypeAwsLambdaFunction    ResourceType = "AWS_LAMBDA_FUNCTION"
	ResourceTypeCodeRepository       ResourceType = "CODE_REPOSITORY"
)

// Values lists every ResourceType.
func (ResourceType) Values() []ResourceType {
	return []ResourceType{ResourceTypeAwsEc2Instance, ResourceTypeAwsEcrContainerImage, ResourceTypeAwsEcrRepository, ResourceTypeAwsLambdaFunction, ResourceTypeCodeRepository}
}

// FixAvailable is the inspector2 FixAvailable enum.
type FixAvailable string

// FixAvailable values.
const (
	FixAvailableYes     FixAvailable = "YES"
	FixAvailableNo      FixAvailable = "NO"
	FixAvailablePartial FixAvailable = "PARTIAL"
)

// Values lists every FixAvailable.
func (FixAvailable) Values() []FixAvailable {
	return []FixAvailable{FixAvailableYes, FixAvailableNo, FixAvailablePartial}
}

// ExploitAvailable is the inspector2 ExploitAvailable enum.
type ExploitAvailable string

// ExploitAvailable values.
const (
	ExploitAvailableYes ExploitAvailable = "YES"
	ExploitAvailableNo  ExploitAvailable = "NO"
)

// Values lists every ExploitAvailable.
func (ExploitAvailable) Values() []ExploitAvailable {
	return []ExploitAvailable{ExploitAvailableYes, ExploitAvailableNo}
}

// NetworkProtocol is the inspector2 NetworkProtocol enum.
type NetworkProtocol string

// NetworkProtocol values.
const (
	NetworkProtocolTcp NetworkProtocol = "TCP"
	NetworkProtocolUdp NetworkProtocol = "UDP"
)

// Values lists every NetworkProtocol.
func (NetworkProtocol) Values() []NetworkProtocol {
	return []NetworkProtocol{NetworkProtocolTcp, NetworkProtocolUdp}
}

// PackageManager is the inspector2 PackageManager enum.
type PackageManager string

// PackageManager values.
const (
	PackageManagerBundler    PackageManager = "BUNDLER"
	PackageManagerCargo      PackageManager = "CARGO"
	PackageManagerComposer   PackageManager = "COMPOSER"
	PackageManagerNpm        PackageManager = "NPM"
	PackageManagerNuget      PackageManager = "NUGET"
	PackageManagerPipenv     PackageManager = "PIPENV"
	PackageManagerPoetry     PackageManager = "POETRY"
	PackageManagerYarn       PackageManager = "YARN"
	PackageManagerGobinary   PackageManager = "GOBINARY"
	PackageManagerGomod      PackageManager = "GOMOD"
	PackageManagerJar        PackageManager = "JAR"
	PackageManagerOs         PackageManager = "OS"
	PackageManagerPip        PackageManager = "PIP"
	PackageManagerPythonpkg  PackageManager = "PYTHONPKG"
	PackageManagerNodepkg    PackageManager = "NODEPKG"
	PackageManagerPom        PackageManager = "POM"
	PackageManagerGemspec    PackageManager = "GEMSPEC"
	PackageManagerDotnetCore PackageManager = "DOTNET_CORE"
)

// Values lists every PackageManager.
func (PackageManager) Values() []PackageManager {
	return []PackageManager{PackageManagerBundler, PackageManagerCargo, PackageManagerComposer, PackageManagerNpm, PackageManagerNuget, PackageManagerPipenv, PackageManagerPoetry, PackageManagerYarn, PackageManagerGobinary, PackageManagerGomod, PackageManagerJar, PackageManagerOs, PackageManagerPip, PackageManagerPythonpkg, PackageManagerNodepkg, PackageManagerPom, PackageManagerGemspec, PackageManagerDotnetCore}
}

// StringComparison is the inspector2 StringComparison enum.
type StringComparison string

// StringComparison values.
const (
	StringComparisonEquals    StringComparison = "EQUALS"
	StringComparisonPrefix    StringComparison = "PREFIX"
	StringComparisonNotEquals StringComparison = "NOT_EQUALS"
)

// Values lists every StringComparison.
func (StringComparison) Values() []StringComparison {
	return []StringComparison{StringComparisonEquals, StringComparisonPrefix, StringComparisonNotEquals}
}

// MapComparison is the inspector2 MapComparison enum.
type MapComparison string

// MapComparison values.
const (
	MapComparisonEquals MapComparison = "EQUALS"
)

// Values lists every MapComparison.
func (MapComparison) Values() []MapComparison {
	return []MapComparison{MapComparisonEquals}
}

// SortField is the inspector2 SortField enum.
type SortField string

// SortField values.
const (
	SortFieldAwsAccountId           SortField = "AWS_ACCOUNT_ID"
	SortFieldFindingType            SortField = "FINDING_TYPE"
	SortFieldSeverity               SortField = "SEVERITY"
	SortFieldFirstObservedAt        SortField = "FIRST_OBSERVED_AT"
	SortFieldLastObservedAt         SortField = "LAST_OBSERVED_AT"
	SortFieldFindingStatus          SortField = "FINDING_STATUS"
	SortFieldResourceType           SortField = "RESOURCE_TYPE"
	SortFieldEcrImagePushedAt       SortField = "ECR_IMAGE_PUSHED_AT"
	SortFieldEcrImageRepositoryName SortField = "ECR_IMAGE_REPOSITORY_NAME"
	SortFieldEcrImageRegistry       SortField = "ECR_IMAGE_REGISTRY"
	SortFieldNetworkProtocol        SortField = "NETWORK_PROTOCOL"
	SortFieldComponentType          SortField = "COMPONENT_TYPE"
	SortFieldVulnerabilityId        SortField = "VULNERABILITY_ID"
	SortFieldVulnerabilitySource    SortField = "VULNERABILITY_SOURCE"
	SortFieldInspectorScore         SortField = "INSPECTOR_SCORE"
	SortFieldVendorSeverity         SortField = "VENDOR_SEVERITY"
	SortFieldEpssScore              SortField = "EPSS_SCORE"
)

// Values lists every SortField.
func (SortField) Values() []SortField {
	return []SortField{SortFieldAwsAccountId, SortFieldFindingType, SortFieldSeverity, SortFieldFirstObservedAt, SortFieldLastObservedAt, SortFieldFindingStatus, SortFieldResourceType, SortFieldEcrImagePushedAt, SortFieldEcrImageRepositoryName, SortFieldEcrImageRegistry, SortFieldNetworkProtocol, SortFieldComponentType, SortFieldVulnerabilityId, SortFieldVulnerabilitySource, SortFieldInspectorScore, SortFieldVendorSeverity, SortFieldEpssScore}
}

// SortOrder is the inspector2 SortOrder enum.
type SortOrder string

// SortOrder values.
const (
	SortOrderAsc  SortOrder = "ASC"
	SortOrderDesc SortOrder = "DESC"
)

// Values lists every SortOrder.
func (SortOrder) Values() []SortOrder {
	return []SortOrder{SortOrderAsc, SortOrderDesc}
}

// AggregationType is the inspector2 AggregationType enum.
type AggregationType string

// AggregationType values.
const (
	AggregationTypeFindingType       AggregationType = "FINDING_TYPE"
	AggregationTypePackage           AggregationType = "PACKAGE"
	AggregationTypeTitle             AggregationType = "TITLE"
	AggregationTypeRepository        AggregationType = "REPOSITORY"
	AggregationTypeAmi               AggregationType = "AMI"
	AggregationTypeAwsEc2Instance    AggregationType = "AWS_EC2_INSTANCE"
	AggregationTypeAwsEcrContainer   AggregationType = "AWS_ECR_CONTAINER"
	AggregationTypeImageLayer        AggregationType = "IMAGE_LAYER"
	AggregationTypeAccount           AggregationType = "ACCOUNT"
	AggregationTypeAwsLambdaFunction AggregationType = "AWS_LAMBDA_FUNCTION"
	AggregationTypeLambdaLayer       AggregationType = "LAMBDA_LAYER"
	AggregationTypeCodeRepository    AggregationType = "CODE_REPOSITORY"
)

// Values lists every AggregationType.
func (AggregationType) Values() []AggregationType {
	return []AggregationType{AggregationTypeFindingType, AggregationTypePackage, AggregationTypeTitle, AggregationTypeRepository, AggregationTypeAmi, AggregationTypeAwsEc2Instance, AggregationTypeAwsEcrContainer, AggregationTypeImageLayer, AggregationTypeAccount, AggregationTypeAwsLambdaFunction, AggregationTypeLambdaLayer, AggregationTypeCodeRepository}
}

// AggregationFindingType is the inspector2 AggregationFindingType enum.
type AggregationFindingType string

// AggregationFindingType values.
const (
	AggregationFindingTypeNetworkReachability  AggregationFindingType = "NETWORK_REACHABILITY"
	AggregationFindingTypePackageVulnerability AggregationFindingType = "PACKAGE_VULNERABILITY"
	AggregationFindingTypeCodeVulnerability    AggregationFindingType = "CODE_VULNERABILITY"
)

// Values lists every AggregationFindingType.
func (AggregationFindingType) Values() []AggregationFindingType {
	return []AggregationFindingType{AggregationFindingTypeNetworkReachability, AggregationFindingTypePackageVulnerability, AggregationFindingTypeCodeVulnerability}
}

// AggregationResourceType is the inspector2 AggregationResourceType enum.
type AggregationResourceType string

// AggregationResourceType values.
const (
	AggregationResourceTypeAwsEc2Instance       AggregationResourceType = "AWS_EC2_INSTANCE"
	AggregationResourceTypeAwsEcrContainerImage AggregationResourceType = "AWS_ECR_CONTAINER_IMAGE"
	AggregationResourceTypeAwsLambdaFunction    AggregationResourceType = "AWS_LAMBDA_FUNCTION"
	AggregationResourceTypeCodeRepository       AggregationResourceType = "CODE_REPOSITORY"
)

// Values lists every AggregationResourceType.
func (AggregationResourceType) Values() []AggregationResourceType {
	return []AggregationResourceType{AggregationResourceTypeAwsEc2Instance, AggregationResourceTypeAwsEcrContainerImage, AggregationResourceTypeAwsLambdaFunction, AggregationResourceTypeCodeRepository}
}

// AccountSortBy is the inspector2 AccountSortBy enum.
type AccountSortBy string

// AccountSortBy values.
const (
	AccountSortByCritical AccountSortBy = "CRITICAL"
	AccountSortByHigh     AccountSortBy = "HIGH"
	AccountSortByAll      AccountSortBy = "ALL"
)

// Values lists every AccountSortBy.
func (AccountSortBy) Values() []AccountSortBy {
	return []AccountSortBy{AccountSortByCritical, AccountSortByHigh, AccountSortByAll}
}

// AmiSortBy is the inspector2 AmiSortBy enum.
type AmiSortBy string

// AmiSortBy values.
const (
	AmiSortByCritical          AmiSortBy = "CRITICAL"
	AmiSortByHigh              AmiSortBy = "HIGH"
	AmiSortByAll               AmiSortBy = "ALL"
	AmiSortByAffectedInstances AmiSortBy = "AFFECTED_INSTANCES"
)

// Values lists every AmiSortBy.
func (AmiSortBy) Values() []AmiSortBy {
	return []AmiSortBy{AmiSortByCritical, AmiSortByHigh, AmiSortByAll, AmiSortByAffectedInstances}
}

// AwsEcrContainerSortBy is the inspector2 AwsEcrContainerSortBy enum.
type AwsEcrContainerSortBy string

// AwsEcrContainerSortBy values.
const (
	AwsEcrContainerSortByCritical AwsEcrContainerSortBy = "CRITICAL"
	AwsEcrContainerSortByHigh     AwsEcrContainerSortBy = "HIGH"
	AwsEcrContainerSortByAll      AwsEcrContainerSortBy = "ALL"
)

// Values lists every AwsEcrContainerSortBy.
func (AwsEcrContainerSortBy) Values() []AwsEcrContainerSortBy {
	return []AwsEcrContainerSortBy{AwsEcrContainerSortByCritical, AwsEcrContainerSortByHigh, AwsEcrContainerSortByAll}
}

// Ec2InstanceSortBy is the inspector2 Ec2InstanceSortBy enum.
type Ec2InstanceSortBy string

// Ec2InstanceSortBy values.
const (
	Ec2InstanceSortByNetworkFindings Ec2InstanceSortBy = "NETWORK_FINDINGS"
	Ec2InstanceSortByCritical        Ec2InstanceSortBy = "CRITICAL"
	Ec2InstanceSortByHigh            Ec2InstanceSortBy = "HIGH"
	Ec2InstanceSortByAll             Ec2InstanceSortBy = "ALL"
)

// Values lists every Ec2InstanceSortBy.
func (Ec2InstanceSortBy) Values() []Ec2InstanceSortBy {
	return []Ec2InstanceSortBy{Ec2InstanceSortByNetworkFindings, Ec2InstanceSortByCritical, Ec2InstanceSortByHigh, Ec2InstanceSortByAll}
}

// FindingTypeSortBy is the inspector2 FindingTypeSortBy enum.
type FindingTypeSortBy string

// FindingTypeSortBy values.
const (
	FindingTypeSortByCritical FindingTypeSortBy = "CRITICAL"
	FindingTypeSortByHigh     FindingTypeSortBy = "HIGH"
	FindingTypeSortByAll      FindingTypeSortBy = "ALL"
)

// Values lists every FindingTypeSortBy.
func (FindingTypeSortBy) Values() []FindingTypeSortBy {
	return []FindingTypeSortBy{FindingTypeSortByCritical, FindingTypeSortByHigh, FindingTypeSortByAll}
}

// ImageLayerSortBy is the inspector2 ImageLayerSortBy enum.
type ImageLayerSortBy string

// ImageLayerSortBy values.
const (
	ImageLayerSortByCritical ImageLayerSortBy = "CRITICAL"
	ImageLayerSortByHigh     ImageLayerSortBy = "HIGH"
	ImageLayerSortByAll      ImageLayerSortBy = "ALL"
)

// Values lists every ImageLayerSortBy.
func (ImageLayerSortBy) Values() []ImageLayerSortBy {
	return []ImageLayerSortBy{ImageLayerSortByCritical, ImageLayerSortByHigh, ImageLayerSortByAll}
}

// PackageSortBy is the inspector2 PackageSortBy enum.
type PackageSortBy string

// PackageSortBy values.
const (
	PackageSortByCritical PackageSortBy = "CRITICAL"
	PackageSortByHigh     PackageSortBy = "HIGH"
	PackageSortByAll      PackageSortBy = "ALL"
)

// Values lists every PackageSortBy.
func (PackageSortBy) Values() []PackageSortBy {
	return []PackageSortBy{PackageSortByCritical, PackageSortByHigh, PackageSortByAll}
}

// RepositorySortBy is the inspector2 RepositorySortBy enum.
type RepositorySortBy string

// RepositorySortBy values.
const (
	RepositorySortByCritical       RepositorySortBy = "CRITICAL"
	RepositorySortByHigh           RepositorySortBy = "HIGH"
	RepositorySortByAll            RepositorySortBy = "ALL"
	RepositorySortByAffectedImages RepositorySortBy = "AFFECTED_IMAGES"
)

// Values lists every RepositorySortBy.
func (RepositorySortBy) Values() []RepositorySortBy {
	return []RepositorySortBy{RepositorySortByCritical, RepositorySortByHigh, RepositorySortByAll, RepositorySortByAffectedImages}
}

// TitleSortBy is the inspector2 TitleSortBy enum.
type TitleSortBy string

// TitleSortBy values.
const (
	TitleSortByCritical TitleSortBy = "CRITICAL"
	TitleSortByHigh     TitleSortBy = "HIGH"
	TitleSortByAll      TitleSortBy = "ALL"
)

// Values lists every TitleSortBy.
func (TitleSortBy) Values() []TitleSortBy {
	return []TitleSortBy{TitleSortByCritical, TitleSortByHigh, TitleSortByAll}
}

// LambdaLayerSortBy is the inspector2 LambdaLayerSortBy enum.
type LambdaLayerSortBy string

// LambdaLayerSortBy values.
const (
	LambdaLayerSortByCritical LambdaLayerSortBy = "CRITICAL"
	LambdaLayerSortByHigh     LambdaLayerSortBy = "HIGH"
	LambdaLayerSortByAll      LambdaLayerSortBy = "ALL"
)

// Values lists every LambdaLayerSortBy.
func (LambdaLayerSortBy) Values() []LambdaLayerSortBy {
	return []LambdaLayerSortBy{LambdaLayerSortByCritical, LambdaLayerSortByHigh, LambdaLayerSortByAll}
}

// LambdaFunctionSortBy is the inspector2 LambdaFunctionSortBy enum.
type LambdaFunctionSortBy string

// LambdaFunctionSortBy values.
const (
	LambdaFunctionSortByCritical LambdaFunctionSortBy = "CRITICAL"
	LambdaFunctionSortByHigh     LambdaFunctionSortBy = "HIGH"
	LambdaFunctionSortByAll      LambdaFunctionSortBy = "ALL"
)

// Values lists every LambdaFunctionSortBy.
func (LambdaFunctionSortBy) Values() []LambdaFunctionSortBy {
	return []LambdaFunctionSortBy{LambdaFunctionSortByCritical, LambdaFunctionSortByHigh, LambdaFunctionSortByAll}
}

// CodeRepositorySortBy is the inspector2 CodeRepositorySortBy enum.
type CodeRepositorySortBy string

// CodeRepositorySortBy values.
const (
	CodeRepositorySortByCritical CodeRepositorySortBy = "CRITICAL"
	CodeRepositorySortByHigh     CodeRepositorySortBy = "HIGH"
	CodeRepositorySortByAll      CodeRepositorySortBy = "ALL"
)

// Values lists every CodeRepositorySortBy.
func (CodeRepositorySortBy) Values() []CodeRepositorySortBy {
	return []CodeRepositorySortBy{CodeRepositorySortByCritical, CodeRepositorySortByHigh, CodeRepositorySortByAll}
}

// CoverageResourceType is the inspector2 CoverageResourceType enum.
type CoverageResourceType string

// CoverageResourceType values.
const (
	CoverageResourceTypeAwsEc2Instance       CoverageResourceType = "AWS_EC2_INSTANCE"
	CoverageResourceTypeAwsEcrContainerImage CoverageResourceType = "AWS_ECR_CONTAINER_IMAGE"
	CoverageResourceTypeAwsEcrRepository     CoverageResourceType = "AWS_ECR_REPOSITORY"
	CoverageResourceTypeAwsLambdaFunction    CoverageResourceType = "AWS_LAMBDA_FUNCTION"
	CoverageResourceTypeCodeRepository       CoverageResourceType = "CODE_REPOSITORY"
)

// Values lists every CoverageResourceType.
func (CoverageResourceType) Values() []CoverageResourceType {
	return []CoverageResourceType{CoverageResourceTypeAwsEc2Instance, CoverageResourceTypeAwsEcrContainerImage, CoverageResourceTypeAwsEcrRepository, CoverageResourceTypeAwsLambdaFunction, CoverageResourceTypeCodeRepository}
}

// ScanType is the inspector2 ScanType enum.
type ScanType string

// ScanType values.
const (
	ScanTypeNetwork ScanType = "NETWORK"
	ScanTypePackage ScanType = "PACKAGE"
	ScanTypeCode    ScanType = "CODE"
)

// Values lists every ScanType.
func (ScanType) Values() []ScanType {
	return []ScanType{ScanTypeNetwork, ScanTypePackage, ScanTypeCode}
}

// ScanStatusCode is the inspector2 ScanStatusCode enum.
type ScanStatusCode string

// ScanStatusCode values.
const (
	ScanStatusCodeActive   ScanStatusCode = "ACTIVE"
	ScanStatusCodeInactive ScanStatusCode = "INACTIVE"
)

// Values lists every ScanStatusCode.
func (ScanStatusCode) Values() []ScanStatusCode {
	return []ScanStatusCode{ScanStatusCodeActive, ScanStatusCodeInactive}
}

// ScanStatusReason is the inspector2 ScanStatusReason enum.
type ScanStatusReason string

// ScanStatusReason values.
const (
	ScanStatusReasonPendingInitialScan                           ScanStatusReason = "PENDING_INITIAL_SCAN"
	ScanStatusReasonAccessDenied                                 ScanStatusReason = "ACCESS_DENIED"
	ScanStatusReasonInternalError                                ScanStatusReason = "INTERNAL_ERROR"
	ScanStatusReasonUnmanagedEc2Instance                         ScanStatusReason = "UNMANAGED_EC2_INSTANCE"
	ScanStatusReasonUnsupportedOs                                ScanStatusReason = "UNSUPPORTED_OS"
	ScanStatusReasonScanEligibilityExpired                       ScanStatusReason = "SCAN_ELIGIBILITY_EXPIRED"
	ScanStatusReasonResourceTerminated                           ScanStatusReason = "RESOURCE_TERMINATED"
	ScanStatusReasonSuccessful                                   ScanStatusReason = "SUCCESSFUL"
	ScanStatusReasonNoResourcesFound                             ScanStatusReason = "NO_RESOURCES_FOUND"
	ScanStatusReasonImageSizeExceeded                            ScanStatusReason = "IMAGE_SIZE_EXCEEDED"
	ScanStatusReasonScanFrequencyManual                          ScanStatusReason = "SCAN_FREQUENCY_MANUAL"
	ScanStatusReasonScanFrequencyScanOnPush                      ScanStatusReason = "SCAN_FREQUENCY_SCAN_ON_PUSH"
	ScanStatusReasonEc2InstanceStopped                           ScanStatusReason = "EC2_INSTANCE_STOPPED"
	ScanStatusReasonPendingDisable                               ScanStatusReason = "PENDING_DISABLE"
	ScanStatusReasonNoInventory                                  ScanStatusReason = "NO_INVENTORY"
	ScanStatusReasonStaleInventory                               ScanStatusReason = "STALE_INVENTORY"
	ScanStatusReasonExcludedByTag                                ScanStatusReason = "EXCLUDED_BY_TAG"
	ScanStatusReasonUnsupportedRuntime                           ScanStatusReason = "UNSUPPORTED_RUNTIME"
	ScanStatusReasonUnsupportedMediaType                         ScanStatusReason = "UNSUPPORTED_MEDIA_TYPE"
	ScanStatusReasonUnsupportedConfigFile                        ScanStatusReason = "UNSUPPORTED_CONFIG_FILE"
	ScanStatusReasonDeepInspectionPackageCollectionLimitExceeded ScanStatusReason = "DEEP_INSPECTION_PACKAGE_COLLECTION_LIMIT_EXCEEDED"
	ScanStatusReasonDeepInspectionDailySsmInventoryLimitExceeded ScanStatusReason = "DEEP_INSPECTION_DAILY_SSM_INVENTORY_LIMIT_EXCEEDED"
	ScanStatusReasonDeepInspectionCollectionTimeLimitExceeded    ScanStatusReason = "DEEP_INSPECTION_COLLECTION_TIME_LIMIT_EXCEEDED"
	ScanStatusReasonDeepInspectionNoInventory                    ScanStatusReason = "DEEP_INSPECTION_NO_INVENTORY"
	ScanStatusReasonAgentlessInstanceStorageLimitExceeded        ScanStatusReason = "AGENTLESS_INSTANCE_STORAGE_LIMIT_EXCEEDED"
	ScanStatusReasonAgentlessInstanceCollectionTimeLimitExceeded ScanStatusReason = "AGENTLESS_INSTANCE_COLLECTION_TIME_LIMIT_EXCEEDED"
	ScanStatusReasonPendingRevivalScan                           ScanStatusReason = "PENDING_REVIVAL_SCAN"
	ScanStatusReasonIntegrationConnectionLost                    ScanStatusReason = "INTEGRATION_CONNECTION_LOST"
	ScanStatusReasonAccessDeniedToEncryptionKey                  ScanStatusReason = "ACCESS_DENIED_TO_ENCRYPTION_KEY"
	ScanStatusReasonUnsupportedLanguage                          ScanStatusReason = "UNSUPPORTED_LANGUAGE"
	ScanStatusReasonNoScanConfigurationAssociated                ScanStatusReason = "NO_SCAN_CONFIGURATION_ASSOCIATED"
	ScanStatusReasonScanInProgress                               ScanStatusReason = "SCAN_IN_PROGRESS"
	ScanStatusReasonImageArchived                                ScanStatusReason = "IMAGE_ARCHIVED"
	ScanStatusReasonUnsupportedCodeArtifacts                     ScanStatusReason = "UNSUPPORTED_CODE_ARTIFACTS"
)

// Values lists every ScanStatusReason.
func (ScanStatusReason) Values() []ScanStatusReason {
	return []ScanStatusReason{ScanStatusReasonPendingInitialScan, ScanStatusReasonAccessDenied, ScanStatusReasonInternalError, ScanStatusReasonUnmanagedEc2Instance, ScanStatusReasonUnsupportedOs, ScanStatusReasonScanEligibilityExpired, ScanStatusReasonResourceTerminated, ScanStatusReasonSuccessful, ScanStatusReasonNoResourcesFound, ScanStatusReasonImageSizeExceeded, ScanStatusReasonScanFrequencyManual, ScanStatusReasonScanFrequencyScanOnPush, ScanStatusReasonEc2InstanceStopped, ScanStatusReasonPendingDisable, ScanStatusReasonNoInventory, ScanStatusReasonStaleInventory, ScanStatusReasonExcludedByTag, ScanStatusReasonUnsupportedRuntime, ScanStatusReasonUnsupportedMediaType, ScanStatusReasonUnsupportedConfigFile, ScanStatusReasonDeepInspectionPackageCollectionLimitExceeded, ScanStatusReasonDeepInspectionDailySsmInventoryLimitExceeded, ScanStatusReasonDeepInspectionCollectionTimeLimitExceeded, ScanStatusReasonDeepInspectionNoInventory, ScanStatusReasonAgentlessInstanceStorageLimitExceeded, ScanStatusReasonAgentlessInstanceCollectionTimeLimitExceeded, ScanStatusReasonPendingRevivalScan, ScanStatusReasonIntegrationConnectionLost, ScanStatusReasonAccessDeniedToEncryptionKey, ScanStatusReasonUnsupportedLanguage, ScanStatusReasonNoScanConfigurationAssociated, ScanStatusReasonScanInProgress, ScanStatusReasonImageArchived, ScanStatusReasonUnsupportedCodeArtifacts}
}

// ScanMode is the inspector2 ScanMode enum.
type ScanMode string

// ScanMode values.
const (
	ScanModeEc2SsmAgentBased ScanMode = "EC2_SSM_AGENT_BASED"
	ScanModeEc2Agentless     ScanMode = "EC2_AGENTLESS"
)

// Values lists every ScanMode.
func (ScanMode) Values() []ScanMode {
	return []ScanMode{ScanModeEc2SsmAgentBased, ScanModeEc2Agentless}
}

// Ec2Platform is the inspector2 Ec2Platform enum.
type Ec2Platform string

// Ec2Platform values.
const (
	Ec2PlatformWindows Ec2Platform = "WINDOWS"
	Ec2PlatformLinux   Ec2Platform = "LINUX"
	Ec2PlatformUnknown Ec2Platform = "UNKNOWN"
	Ec2PlatformMacos   Ec2Platform = "MACOS"
)

// Values lists every Ec2Platform.
func (Ec2Platform) Values() []Ec2Platform {
	return []Ec2Platform{Ec2PlatformWindows, Ec2PlatformLinux, Ec2PlatformUnknown, Ec2PlatformMacos}
}

// EcrScanFrequency is the inspector2 EcrScanFrequency enum.
type EcrScanFrequency string

// EcrScanFrequency values.
const (
	EcrScanFrequencyManual         EcrScanFrequency = "MANUAL"
	EcrScanFrequencyScanOnPush     EcrScanFrequency = "SCAN_ON_PUSH"
	EcrScanFrequencyContinuousScan EcrScanFrequency = "CONTINUOUS_SCAN"
)

// Values lists every EcrScanFrequency.
func (EcrScanFrequency) Values() []EcrScanFrequency {
	return []EcrScanFrequency{EcrScanFrequencyManual, EcrScanFrequencyScanOnPush, EcrScanFrequencyContinuousScan}
}

// CoverageStringComparison is the inspector2 CoverageStringComparison enum.
type CoverageStringComparison string

// CoverageStringComparison values.
const (
	CoverageStringComparisonEquals    CoverageStringComparison = "EQUALS"
	CoverageStringComparisonNotEquals CoverageStringComparison = "NOT_EQUALS"
)

// Values lists every CoverageStringComparison.
func (CoverageStringComparison) Values() []CoverageStringComparison {
	return []CoverageStringComparison{CoverageStringComparisonEquals, CoverageStringComparisonNotEquals}
}

// CoverageMapComparison is the inspector2 CoverageMapComparison enum.
type CoverageMapComparison string

// CoverageMapComparison values.
const (
	CoverageMapComparisonEquals CoverageMapComparison = "EQUALS"
)

// Values lists every CoverageMapComparison.
func (CoverageMapComparison) Values() []CoverageMapComparison {
	return []CoverageMapComparison{CoverageMapComparisonEquals}
}

// GroupKey is the inspector2 GroupKey enum.
type GroupKey string

// GroupKey values.
const (
	GroupKeyScanStatusCode    GroupKey = "SCAN_STATUS_CODE"
	GroupKeyScanStatusReason  GroupKey = "SCAN_STATUS_REASON"
	GroupKeyAccountId         GroupKey = "ACCOUNT_ID"
	GroupKeyResourceType      GroupKey = "RESOURCE_TYPE"
	GroupKeyEcrRepositoryName GroupKey = "ECR_REPOSITORY_NAME"
)

// Values lists every GroupKey.
func (GroupKey) Values() []GroupKey {
	return []GroupKey{GroupKeyScanStatusCode, GroupKeyScanStatusReason, GroupKeyAccountId, GroupKeyResourceType, GroupKeyEcrRepositoryName}
}

// PermissionService is the inspector2 Service enum (renamed: Service is the
// Inspector service itself).
type PermissionService string

// PermissionService values.
const (
	PermissionServiceEc2    PermissionService = "EC2"
	PermissionServiceEcr    PermissionService = "ECR"
	PermissionServiceLambda PermissionService = "LAMBDA"
)

// Values lists every PermissionService.
func (PermissionService) Values() []PermissionService {
	return []PermissionService{PermissionServiceEc2, PermissionServiceEcr, PermissionServiceLambda}
}

// Operation is the inspector2 Operation enum.
type Operation string

// Operation values.
const (
	OperationEnableScanning    Operation = "ENABLE_SCANNING"
	OperationDisableScanning   Operation = "DISABLE_SCANNING"
	OperationEnableRepository  Operation = "ENABLE_REPOSITORY"
	OperationDisableRepository Operation = "DISABLE_REPOSITORY"
)

// Values lists every Operation.
func (Operation) Values() []Operation {
	return []Operation{OperationEnableScanning, OperationDisableScanning, OperationEnableRepository, OperationDisableRepository}
}

// UsageType is the inspector2 UsageType enum.
type UsageType string

// UsageType values.
const (
	UsageTypeEc2InstanceHours          UsageType = "EC2_INSTANCE_HOURS"
	UsageTypeEcrInitialScan            UsageType = "ECR_INITIAL_SCAN"
	UsageTypeEcrRescan                 UsageType = "ECR_RESCAN"
	UsageTypeLambdaFunctionHours       UsageType = "LAMBDA_FUNCTION_HOURS"
	UsageTypeLambdaFunctionCodeHours   UsageType = "LAMBDA_FUNCTION_CODE_HOURS"
	UsageTypeCodeRepositorySast        UsageType = "CODE_REPOSITORY_SAST"
	UsageTypeCodeRepositoryIac         UsageType = "CODE_REPOSITORY_IAC"
	UsageTypeCodeRepositorySca         UsageType = "CODE_REPOSITORY_SCA"
	UsageTypeEc2AgentlessInstanceHours UsageType = "EC2_AGENTLESS_INSTANCE_HOURS"
)

// Values lists every UsageType.
func (UsageType) Values() []UsageType {
	return []UsageType{UsageTypeEc2InstanceHours, UsageTypeEcrInitialScan, UsageTypeEcrRescan, UsageTypeLambdaFunctionHours, UsageTypeLambdaFunctionCodeHours, UsageTypeCodeRepositorySast, UsageTypeCodeRepositoryIac, UsageTypeCodeRepositorySca, UsageTypeEc2AgentlessInstanceHours}
}

// Currency is the inspector2 Currency enum.
type Currency string

// Currency values.
const (
	CurrencyUsd Currency = "USD"
)

// Values lists every Currency.
func (Currency) Values() []Currency {
	return []Currency{CurrencyUsd}
}

// Runtime is the inspector2 Runtime enum.
type Runtime string

// Runtime values.
const (
	RuntimeNodejs       Runtime = "NODEJS"
	RuntimeNodejs12X    Runtime = "NODEJS_12_X"
	RuntimeNodejs14X    Runtime = "NODEJS_14_X"
	RuntimeNodejs16X    Runtime = "NODEJS_16_X"
	RuntimeJava8        Runtime = "JAVA_8"
	RuntimeJava8Al2     Runtime = "JAVA_8_AL2"
	RuntimeJava11       Runtime = "JAVA_11"
	RuntimePython37     Runtime = "PYTHON_3_7"
	RuntimePython38     Runtime = "PYTHON_3_8"
	RuntimePython39     Runtime = "PYTHON_3_9"
	RuntimeUnsupported  Runtime = "UNSUPPORTED"
	RuntimeNodejs18X    Runtime = "NODEJS_18_X"
	RuntimeGo1X         Runtime = "GO_1_X"
	RuntimeJava17       Runtime = "JAVA_17"
	RuntimePython310    Runtime = "PYTHON_3_10"
	RuntimePython311    Runtime = "PYTHON_3_11"
	RuntimeDotnetcore31 Runtime = "DOTNETCORE_3_1"
	RuntimeDotnet6      Runtime = "DOTNET_6"
	RuntimeDotnet7      Runtime = "DOTNET_7"
	RuntimeRuby27       Runtime = "RUBY_2_7"
	RuntimeRuby32       Runtime = "RUBY_3_2"
	RuntimeDotnet10     Runtime = "DOTNET_10"
	RuntimeNodejs24X    Runtime = "NODEJS_24_X"
)

// Values lists every Runtime.
func (Runtime) Values() []Runtime {
	return []Runtime{RuntimeNodejs, RuntimeNodejs12X, RuntimeNodejs14X, RuntimeNodejs16X, RuntimeJava8, RuntimeJava8Al2, RuntimeJava11, RuntimePython37, RuntimePython38, RuntimePython39, RuntimeUnsupported, RuntimeNodejs18X, RuntimeGo1X, RuntimeJava17, RuntimePython310, RuntimePython311, RuntimeDotnetcore31, RuntimeDotnet6, RuntimeDotnet7, RuntimeRuby27, RuntimeRuby32, RuntimeDotnet10, RuntimeNodejs24X}
}

// PackageType is the inspector2 PackageType enum.
type PackageType string

// PackageType values.
const (
	PackageTypeImage PackageType = "IMAGE"
	PackageTypeZip   PackageType = "ZIP"
)

// Values lists every PackageType.
func (PackageType) Values() []PackageType {
	return []PackageType{PackageTypeImage, PackageTypeZip}
}

// Architecture is the inspector2 Architecture enum.
type Architecture string

// Architecture values.
const (
	ArchitectureX8664 Architecture = "X86_64"
	ArchitectureArm64 Architecture = "ARM64"
)

// Values lists every Architecture.
func (Architecture) Values() []Architecture {
	return []Architecture{ArchitectureX8664, ArchitectureArm64}
}
