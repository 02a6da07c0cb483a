package org

import "time"

// The types below are AWS Organizations' shapes, with AWS's field names and
// the JSON names of the JSON 1.1 wire protocol. Timestamps are time.Time
// (the wire layer converts them to epoch seconds); absent members are left
// out (omitempty, omitzero).

// OrganizationDetails is AWS's Organization shape, which describes an
// organization (DescribeOrganization's "Organization" member). It is
// renamed because Organization is the service.
type OrganizationDetails struct {
	Arn                string                 `json:"Arn,omitempty"`
	FeatureSet         OrganizationFeatureSet `json:"FeatureSet,omitempty"`
	Id                 string                 `json:"Id,omitempty"`
	MasterAccountArn   string                 `json:"MasterAccountArn,omitempty"`
	MasterAccountEmail string                 `json:"MasterAccountEmail,omitempty"`
	MasterAccountId    string                 `json:"MasterAccountId,omitempty"`
	// AvailablePolicyTypes is deprecated by AWS (use ListRoots); it holds
	// the policy types enabled in the root.
	AvailablePolicyTypes []PolicyTypeSummary `json:"AvailablePolicyTypes,omitempty"`
}

// Account describes an account in an organization. For a standalone
// account (see Organization.Account) only Id, Email, Name, State and Status
// are set.
type Account struct {
	Arn             string              `json:"Arn,omitempty"`
	Email           string              `json:"Email,omitempty"`
	Id              string              `json:"Id,omitempty"`
	JoinedMethod    AccountJoinedMethod `json:"JoinedMethod,omitempty"`
	JoinedTimestamp time.Time           `json:"JoinedTimestamp,omitzero"`
	Name            string              `json:"Name,omitempty"`
	// Paths holds the account's path in the organization:
	// "o-…/r-…/ou-…/…/111111111111/".
	Paths  []string      `json:"Paths,omitempty"`
	State  AccountState  `json:"State,omitempty"`
	Status AccountStatus `json:"Status,omitempty"`
}

// Root is the root of an organization's tree.
type Root struct {
	Arn         string              `json:"Arn,omitempty"`
	Id          string              `json:"Id,omitempty"`
	Name        string              `json:"Name,omitempty"`
	PolicyTypes []PolicyTypeSummary `json:"PolicyTypes,omitempty"`
}

// PolicyTypeSummary is a policy type and its status in a root.
type PolicyTypeSummary struct {
	Status PolicyTypeStatus `json:"Status,omitempty"`
	Type   PolicyType       `json:"Type,omitempty"`
}

// OrganizationalUnit describes an OU.
type OrganizationalUnit struct {
	Arn  string `json:"Arn,omitempty"`
	Id   string `json:"Id,omitempty"`
	Name string `json:"Name,omitempty"`
	// Path is the OU's path: "o-…/r-…/ou-…/ou-…/".
	Path string `json:"Path,omitempty"`
}

// Child is a child of a root or OU.
type Child struct {
	Id   string    `json:"Id,omitempty"`
	Type ChildType `json:"Type,omitempty"`
}

// Parent is the parent of an account or OU.
type Parent struct {
	Id   string     `json:"Id,omitempty"`
	Type ParentType `json:"Type,omitempty"`
}

// Policy is a policy with its content.
type Policy struct {
	Content       string         `json:"Content,omitempty"`
	PolicySummary *PolicySummary `json:"PolicySummary,omitempty"`
}

// PolicySummary describes a policy without its content.
type PolicySummary struct {
	Arn         string     `json:"Arn,omitempty"`
	AwsManaged  bool       `json:"AwsManaged"`
	Description string     `json:"Description,omitempty"`
	Id          string     `json:"Id,omitempty"`
	Name        string     `json:"Name,omitempty"`
	Type        PolicyType `json:"Type,omitempty"`
}

// PolicyTargetSummary is a root, OU or account a policy is attached to.
type PolicyTargetSummary struct {
	Arn      string     `json:"Arn,omitempty"`
	Name     string     `json:"Name,omitempty"`
	TargetId string     `json:"TargetId,omitempty"`
	Type     TargetType `json:"Type,omitempty"`
}

// Handshake is an invitation to join an organization.
type Handshake struct {
	Action              ActionType          `json:"Action,omitempty"`
	Arn                 string              `json:"Arn,omitempty"`
	ExpirationTimestamp time.Time           `json:"ExpirationTimestamp,omitzero"`
	Id                  string              `json:"Id,omitempty"`
	Parties             []HandshakeParty    `json:"Parties,omitempty"`
	RequestedTimestamp  time.Time           `json:"RequestedTimestamp,omitzero"`
	Resources           []HandshakeResource `json:"Resources,omitempty"`
	State               HandshakeState      `json:"State,omitempty"`
}

// HandshakeParty is one party of a handshake: the organization, or the
// invited account named by its id or email address.
type HandshakeParty struct {
	Id   string             `json:"Id"`
	Type HandshakePartyType `json:"Type"`
}

// HandshakeResource is a resource a handshake concerns.
type HandshakeResource struct {
	Resources []HandshakeResource   `json:"Resources,omitempty"`
	Type      HandshakeResourceType `json:"Type,omitempty"`
	Value     string                `json:"Value,omitempty"`
}

// HandshakeFilter filters ListHandshakesForAccount and
// ListHandshakesForOrganization. At most one member may be set.
type HandshakeFilter struct {
	ActionType        ActionType `json:"ActionType,omitempty"`
	ParentHandshakeId string     `json:"ParentHandshakeId,omitempty"`
}

// CreateAccountStatus is the state of a CreateAccount request.
type CreateAccountStatus struct {
	AccountId          string                     `json:"AccountId,omitempty"`
	AccountName        string                     `json:"AccountName,omitempty"`
	CompletedTimestamp time.Time                  `json:"CompletedTimestamp,omitzero"`
	FailureReason      CreateAccountFailureReason `json:"FailureReason,omitempty"`
	GovCloudAccountId  string                     `json:"GovCloudAccountId,omitempty"`
	Id                 string                     `json:"Id,omitempty"`
	RequestedTimestamp time.Time                  `json:"RequestedTimestamp,omitzero"`
	State              CreateAccountState         `json:"State,omitempty"`
}

// DelegatedAdministrator is a member account registered as a delegated
// administrator for at least one service.
type DelegatedAdministrator struct {
	Arn                   string              `json:"Arn,omitempty"`
	DelegationEnabledDate time.Time           `json:"DelegationEnabledDate,omitzero"`
	Email                 string              `json:"Email,omitempty"`
	Id                    string              `json:"Id,omitempty"`
	JoinedMethod          AccountJoinedMethod `json:"JoinedMethod,omitempty"`
	JoinedTimestamp       time.Time           `json:"JoinedTimestamp,omitzero"`
	Name                  string              `json:"Name,omitempty"`
	State                 AccountState        `json:"State,omitempty"`
	Status                AccountStatus       `json:"Status,omitempty"`
}

// DelegatedService is a service an account is a delegated administrator
// for.
type DelegatedService struct {
	DelegationEnabledDate time.Time `json:"DelegationEnabledDate,omitzero"`
	ServicePrincipal      string    `json:"ServicePrincipal,omitempty"`
}

// EnabledServicePrincipal is a service with trusted access to the
// organization.
type EnabledServicePrincipal struct {
	DateEnabled      time.Time `json:"DateEnabled,omitzero"`
	ServicePrincipal string    `json:"ServicePrincipal,omitempty"`
}
