package inspector

import (
	"cmp"
	"slices"
	"strings"

	"github.com/seed-e2e06c4d/awsaccess/authz"
)

// ListFindingAggregations counts the ACTIVE findings the caller may see,
// grouped by the aggregation type. The console's aggregated views show
// active findings, and the request has no status filter; so every count
// equals the number of findings ListFindings returns for findingStatus
// ACTIVE and the filter the request amounts to (accountIds as awsAccountId;
// findingType, resourceType, titles, vulnerabilityIds, amis, repositories,
// resourceIds, ... as the FilterCriteria fields of the same name; each
// resource-level aggregation implies its resource type).
//
// Groups: ACCOUNT and FINDING_TYPE per account; AMI and REPOSITORY per
// account and AMI or repository; AWS_EC2_INSTANCE, AWS_ECR_CONTAINER and
// AWS_LAMBDA_FUNCTION per resource; IMAGE_LAYER and LAMBDA_LAYER per
// resource and layer holding a vulnerable package; PACKAGE per vulnerable
// package name and TITLE per title, across accounts (accountId is set when
// all the group's findings belong to one account). CODE_REPOSITORY has no
// data in this model. severityCounts.all counts every severity;
// fixAvailableCount counts fixAvailable YES, exploitAvailableCount
// exploitAvailable YES; affectedInstances and affectedImages count the
// distinct resources with counted findings; networkFindings counts
// NETWORK_REACHABILITY findings. Rows are sorted by sortBy (default
// CRITICAL) in sortOrder (default DESC), ties by group; maxResults is
// 1..100 (default 100).
func (s *Service) ListFindingAggregations(caller *authz.Principal, region string, in *ListFindingAggregationsRequest) (*ListFindingAggregationsResponse, error) {
	if in == nil {
		in = &ListFindingAggregationsRequest{}
	}
	r, err := s.regionFor(caller, region)
	if err != nil {
		return nil, err
	}
	var v fieldErrors
	limit := pageSize(&v, "maxResults", in.MaxResults, 1, 100, 100)
	plan := planAggregation(in, &v)
	if err := v.err(); err != nil {
		return nil, err
	}
	h := fingerprint(in.AggregationType, in.AccountIDs, in.AggregationRequest)
	var after *aggRow
	if in.NextToken != "" {
		t, err := decodeToken(in.NextToken, "ListFindingAggregations", h)
		if err != nil {
			return nil, err
		}
		after = &aggRow{sortVal: t.N, key: t.S}
	}
	if err := s.authorize(caller, check("ListFindingAggregations")); err != nil {
		return nil, err
	}
	if _, err := s.lock(); err != nil {
		return nil, err
	}
	defer s.unlock()
	rows := plan.run(r, r.visible(caller.Account))
	for i := range rows {
		rows[i].sortVal = rows[i].value(plan.sortBy)
	}
	cmpRows := func(a, b *aggRow) int {
		c := cmp.Compare(a.sortVal, b.sortVal)
		if plan.desc {
			c = -c
		}
		return cmp.Or(c, strings.Compare(a.key, b.key))
	}
	slices.SortFunc(rows, func(a, b aggRow) int { return cmpRows(&a, &b) })
	if after != nil {
		i := 0
		for i < len(rows) && cmpRows(&rows[i], after) <= 0 {
			i++
		}
		rows = rows[i:]
	}
	out := &ListFindingAggregationsResponse{AggregationType: in.AggregationType}
	if len(rows) > limit {
		rows = rows[:limit]
		last := rows[limit-1]
		out.NextToken = encodeToken(pageToken{Op: "ListFindingAggregations", H: h, N: last.sortVal, S: last.key})
	}
	for i := range rows {
		out.Responses = append(out.Responses, rows[i].response(r, in.AggregationType))
	}
	return out, nil
}

type groupKind uint8

const (
	byAccount groupKind = iota
	byAMI
	byInstance
	byImage
	byLayer
	byPackage
	byRepository
	byTitle
	byFunction
	byLambdaLayer
	byNothing
)

type aggPlan struct {
	kind    groupKind
	m       *matcher
	group   *strCond // filter on the group value (layer hashes, package names, layer ARNs)
	sortBy  string
	desc    bool
	counted bool // ACCOUNT/FINDING_TYPE with no finding-level filter: use the counters
}

type gkey struct{ acct, a, b string }

type aggRow struct {
	key      string
	acct     string
	multi    bool // findings of several accounts
	sev      [numSeverities]int64
	fix      int64
	exploit  int64
	network  int64
	affected map[*resource]struct{}
	res      *resource
	title    string
	vulnID   string
	name     string // ami, package, repository, layer
	sortVal  float64
}

func (g *aggRow) all() int64 {
	n := int64(0)
	for _, c := range g.sev {
		n += c
	}
	return n
}

func (g *aggRow) value(sortBy string) float64 {
	switch sortBy {
	case "HIGH":
		return float64(g.sev[sevHigh])
	case "ALL":
		return float64(g.all())
	case "AFFECTED_INSTANCES", "AFFECTED_IMAGES":
		return float64(len(g.affected))
	case "NETWORK_FINDINGS":
		return float64(g.network)
	}
	return float64(g.sev[sevCritical])
}

func (g *aggRow) counts() *SeverityCounts {
	return &SeverityCounts{All: g.all(), Medium: g.sev[sevMedium], High: g.sev[sevHigh], Critical: g.sev[sevCritical]}
}

// planAggregation validates the request and turns it into a matcher and a
// grouping.
func planAggregation(in *ListFindingAggregationsRequest, v *fieldErrors) *aggPlan {
	c := &FilterCriteria{FindingStatus: []StringFilter{{Comparison: StringComparisonEquals, Value: "ACTIVE"}}, AwsAccountID: in.AccountIDs}
	if in.AccountIDs != nil {
		checkStrings("accountIds", in.AccountIDs, v)
	}
	p := &aggPlan{desc: true, sortBy: "CRITICAL"}
	eq := func(val string) []StringFilter {
		if val == "" {
			return nil
		}
		return []StringFilter{{Comparison: StringComparisonEquals, Value: val}}
	}
	setRT := func(rt ResourceType) { c.ResourceType = eq(string(rt)) }
	sorting := func(order SortOrder, sortBy string, allowed []string) {
		if order != "" {
			if order != SortOrderAsc && order != SortOrderDesc {
				v.enum("aggregationRequest.sortOrder", string(order), enumStrings(order.Values()))
			}
			p.desc = order == SortOrderDesc
		}
		if sortBy != "" {
			if !slices.Contains(allowed, sortBy) {
				v.enum("aggregationRequest.sortBy", sortBy, allowed)
			}
			p.sortBy = sortBy
		}
	}
	typeFilters := func(ft AggregationFindingType, rt AggregationResourceType) {
		if ft != "" {
			if !slices.Contains(ft.Values(), ft) {
				v.enum("aggregationRequest.findingType", string(ft), enumStrings(ft.Values()))
			}
			c.FindingType = eq(string(ft))
		}
		if rt != "" {
			if !slices.Contains(rt.Values(), rt) {
				v.enum("aggregationRequest.resourceType", string(rt), enumStrings(rt.Values()))
			}
			c.ResourceType = eq(string(rt))
		}
	}
	groupFilter := func(name string, list []StringFilter) {
		if checkStrings("aggregationRequest."+name, list, v) && list != nil {
			sc := newStrCond(fNone, list)
			p.group = &sc
		}
	}
	ar := in.AggregationRequest
	if ar == nil {
		ar = &AggregationRequest{}
	}
	set := 0
	for _, x := range []bool{ar.AccountAggregation != nil, ar.AmiAggregation != nil, ar.AwsEcrContainerAggregation != nil,
		ar.Ec2InstanceAggregation != nil, ar.FindingTypeAggregation != nil, ar.ImageLayerAggregation != nil,
		ar.PackageAggregation != nil, ar.RepositoryAggregation != nil, ar.TitleAggregation != nil,
		ar.LambdaLayerAggregation != nil, ar.LambdaFunctionAggregation != nil, ar.CodeRepositoryAggregation != nil} {
		if x {
			set++
		}
	}
	if set > 1 {
		v.add("aggregationRequest", "Exactly one member of aggregationRequest may be set")
	}
	mismatch := func(member string) {
		v.add("aggregationRequest", "aggregationRequest.%s does not match aggregationType %s", member, in.AggregationType)
	}
	var extraPlatform []StringFilter
	switch in.AggregationType {
	case AggregationTypeAccount, AggregationTypeFindingType:
		p.kind = byAccount
		if in.AggregationType == AggregationTypeAccount {
			if a := ar.AccountAggregation; a != nil {
				typeFilters(a.FindingType, a.ResourceType)
				sorting(a.SortOrder, string(a.SortBy), enumStrings(a.SortBy.Values()))
			}
			if set == 1 && ar.AccountAggregation == nil {
				mismatch("member")
			}
		} else {
			if a := ar.FindingTypeAggregation; a != nil {
				typeFilters(a.FindingType, a.ResourceType)
				sorting(a.SortOrder, string(a.SortBy), enumStrings(a.SortBy.Values()))
			}
			if set == 1 && ar.FindingTypeAggregation == nil {
				mismatch("member")
			}
		}
		p.counted = true
	case AggregationTypeAmi:
		p.kind = byAMI
		setRT(ResourceTypeAwsEc2Instance)
		if a := ar.AmiAggregation; a != nil {
			c.Ec2InstanceImageID = a.Amis
			sorting(a.SortOrder, string(a.SortBy), enumStrings(a.SortBy.Values()))
		} else if set == 1 {
			mismatch("member")
		}
	case AggregationTypeAwsEc2Instance:
		p.kind = byInstance
		setRT(ResourceTypeAwsEc2Instance)
		if a := ar.Ec2InstanceAggregation; a != nil {
			c.Ec2InstanceImageID, c.ResourceID, c.ResourceTags = a.Amis, a.InstanceIDs, a.InstanceTags
			extraPlatform = a.OperatingSystems
			if a.OperatingSystems != nil {
				checkStrings("aggregationRequest.operatingSystems", a.OperatingSystems, v)
			}
			sorting(a.SortOrder, string(a.SortBy), enumStrings(a.SortBy.Values()))
		} else if set == 1 {
			mismatch("member")
		}
	case AggregationTypeAwsEcrContainer:
		p.kind = byImage
		setRT(ResourceTypeAwsEcrContainerImage)
		if a := ar.AwsEcrContainerAggregation; a != nil {
			c.ResourceID, c.EcrImageHash, c.EcrImageRepositoryName = a.ResourceIDs, a.ImageShas, a.Repositories
			c.EcrImageArchitecture, c.EcrImageTags = a.Architectures, a.ImageTags
			c.EcrImageLastInUseAt, c.EcrImageInUseCount = a.LastInUseAt, a.InUseCount
			sorting(a.SortOrder, string(a.SortBy), enumStrings(a.SortBy.Values()))
		} else if set == 1 {
			mismatch("member")
		}
	case AggregationTypeImageLayer:
		p.kind = byLayer
		setRT(ResourceTypeAwsEcrContainerImage)
		if a := ar.ImageLayerAggregation; a != nil {
			c.EcrImageRepositoryName, c.ResourceID = a.Repositories, a.ResourceIDs
			groupFilter("layerHashes", a.LayerHashes)
			sorting(a.SortOrder, string(a.SortBy), enumStrings(a.SortBy.Values()))
		} else if set == 1 {
			mismatch("member")
		}
	case AggregationTypePackage:
		p.kind = byPackage
		c.FindingType = eq(string(FindingTypePackageVulnerability))
		if a := ar.PackageAggregation; a != nil {
			groupFilter("packageNames", a.PackageNames)
			sorting(a.SortOrder, string(a.SortBy), enumStrings(a.SortBy.Values()))
		} else if set == 1 {
			mismatch("member")
		}
	case AggregationTypeRepository:
		p.kind = byRepository
		setRT(ResourceTypeAwsEcrContainerImage)
		if a := ar.RepositoryAggregation; a != nil {
			c.EcrImageRepositoryName = a.Repositories
			sorting(a.SortOrder, string(a.SortBy), enumStrings(a.SortBy.Values()))
		} else if set == 1 {
			mismatch("member")
		}
	case AggregationTypeTitle:
		p.kind = byTitle
		if a := ar.TitleAggregation; a != nil {
			c.Title, c.VulnerabilityID = a.Titles, a.VulnerabilityIDs
			typeFilters(a.FindingType, a.ResourceType)
			sorting(a.SortOrder, string(a.SortBy), enumStrings(a.SortBy.Values()))
		} else if set == 1 {
			mismatch("member")
		}
	case AggregationTypeAwsLambdaFunction:
		p.kind = byFunction
		setRT(ResourceTypeAwsLambdaFunction)
		if a := ar.LambdaFunctionAggregation; a != nil {
			c.ResourceID, c.LambdaFunctionName, c.LambdaFunctionRuntime, c.ResourceTags = a.ResourceIDs, a.FunctionNames, a.Runtimes, a.FunctionTags
			sorting(a.SortOrder, string(a.SortBy), enumStrings(a.SortBy.Values()))
		} else if set == 1 {
			mismatch("member")
		}
	case AggregationTypeLambdaLayer:
		p.kind = byLambdaLayer
		setRT(ResourceTypeAwsLambdaFunction)
		if a := ar.LambdaLayerAggregation; a != nil {
			c.LambdaFunctionName, c.ResourceID = a.FunctionNames, a.ResourceIDs
			groupFilter("layerArns", a.LayerArns)
			sorting(a.SortOrder, string(a.SortBy), enumStrings(a.SortBy.Values()))
		} else if set == 1 {
			mismatch("member")
		}
	case AggregationTypeCodeRepository:
		p.kind = byNothing
		if a := ar.CodeRepositoryAggregation; a != nil {
			for name, list := range map[string][]StringFilter{"projectNames": a.ProjectNames, "providerTypes": a.ProviderTypes, "resourceIds": a.ResourceIDs} {
				checkStrings("aggregationRequest."+name, list, v)
			}
			sorting(a.SortOrder, string(a.SortBy), enumStrings(a.SortBy.Values()))
		} else if set == 1 {
			mismatch("member")
		}
	case "":
		v.required("aggregationType")
	default:
		v.enum("aggregationType", string(in.AggregationType), enumStrings(in.AggregationType.Values()))
	}
	p.m = compileCriteria(c, "aggregationRequest", v)
	if extraPlatform != nil {
		p.m.strs = append(p.m.strs, newStrCond(fPlatform, extraPlatform))
	}
	return p
}

func (p *aggPlan) run(r *region, accts []*account) []aggRow {
	if p.kind == byNothing {
		return nil
	}
	rows := map[gkey]*aggRow{}
	add := func(k gkey, f *finding, name string) {
		g := rows[k]
		if g == nil {
			g = &aggRow{acct: f.acct.id, res: f.res, name: name}
			rows[k] = g
		} else if g.acct != f.acct.id {
			g.multi = true
		}
		g.sev[f.sev]++
		if f.fix == fixYes {
			g.fix++
		}
		if f.exploit == exploitYes {
			g.exploit++
		}
		if f.typ == ftNetwork {
			g.network++
		}
		if p.kind == byAMI || p.kind == byRepository {
			if g.affected == nil {
				g.affected = map[*resource]struct{}{}
			}
			g.affected[f.res] = struct{}{}
		}
		if p.kind == byTitle {
			g.title = f.title()
			if f.vp != nil {
				g.vulnID = f.vp.v.id
			}
		}
	}
	var scratch []string
	for _, a := range accts {
		if !p.m.accountOK(a.id) {
			continue
		}
		if p.counted && len(p.m.strs) == 0 {
			g := aggRow{acct: a.id, key: a.id}
			for ft := range a.counts {
				for rt := range a.counts[ft] {
					if !p.m.typ.has(uint8(ft)) || !p.m.rt.has(uint8(rt)) {
						continue
					}
					c := &a.counts[ft][rt]
					for i := range c.sev {
						g.sev[i] += c.sev[i]
					}
					g.fix += c.fix
					g.exploit += c.exploit
				}
			}
			if g.all() > 0 {
				rows[gkey{acct: a.id}] = &g
			}
			continue
		}
		for i, b := range a.bits {
			if !p.m.bitsOK(b) {
				continue
			}
			f := a.fs[i]
			if !p.m.rest(f) {
				continue
			}
			switch p.kind {
			case byAccount:
				add(gkey{acct: a.id}, f, "")
			case byAMI:
				add(gkey{acct: a.id, a: f.res.ec2.ImageID}, f, f.res.ec2.ImageID)
			case byInstance, byImage, byFunction:
				add(gkey{acct: a.id, a: f.res.id}, f, "")
			case byRepository:
				add(gkey{acct: a.id, a: f.res.img.RepositoryName}, f, f.res.img.RepositoryName)
			case byTitle:
				add(gkey{a: f.title()}, f, "")
			case byPackage, byLayer, byLambdaLayer:
				fid := fPkgName
				if p.kind == byLayer {
					fid = fPkgLayerHash
				} else if p.kind == byLambdaLayer {
					fid = fPkgLambdaLayer
				}
				scratch = findingStrings(f, fid, scratch[:0])
				slices.Sort(scratch)
				scratch = slices.Compact(scratch)
				for _, val := range scratch {
					if p.group != nil && !p.m.strMatch(p.group, []string{val}) {
						continue
					}
					if p.kind == byPackage {
						add(gkey{a: val}, f, val)
					} else {
						add(gkey{acct: a.id, a: f.res.id, b: val}, f, val)
					}
				}
			}
		}
	}
	out := make([]aggRow, 0, len(rows))
	for k, g := range rows {
		g.key = k.acct + "\x00" + k.a + "\x00" + k.b
		out = append(out, *g)
	}
	return out
}

func (g *aggRow) response(r *region, t AggregationType) AggregationResponse {
	acct := g.acct
	if g.multi {
		acct = ""
	}
	res := g.res
	switch t {
	case AggregationTypeAccount:
		return AggregationResponse{AccountAggregation: &AccountAggregationResponse{AccountID: g.acct, SeverityCounts: g.counts(),
			ExploitAvailableCount: g.exploit, FixAvailableCount: g.fix}}
	case AggregationTypeFindingType:
		return AggregationResponse{FindingTypeAggregation: &FindingTypeAggregationResponse{AccountID: g.acct, SeverityCounts: g.counts(),
			ExploitAvailableCount: g.exploit, FixAvailableCount: g.fix}}
	case AggregationTypeAmi:
		return AggregationResponse{AmiAggregation: &AmiAggregationResponse{Ami: g.name, AccountID: g.acct, SeverityCounts: g.counts(),
			AffectedInstances: int64(len(g.affected))}}
	case AggregationTypeAwsEc2Instance:
		i := res.ec2
		return AggregationResponse{Ec2InstanceAggregation: &Ec2InstanceAggregationResponse{InstanceID: res.id, Ami: i.ImageID,
			OperatingSystem: i.Platform, InstanceTags: cloneTags(i.Tags), AccountID: g.acct, SeverityCounts: g.counts(), NetworkFindings: g.network}}
	case AggregationTypeAwsEcrContainer:
		img := res.img
		row := &AwsEcrContainerAggregationResponse{ResourceID: res.id, ImageSha: img.Digest, Repository: img.RepositoryName,
			Architecture: img.Architecture, ImageTags: slices.Clone(img.Tags), AccountID: g.acct, SeverityCounts: g.counts(),
			LastInUseAt: img.LastInUseAt.UTC()}
		if img.InUseCount != 0 {
			n := img.InUseCount
			row.InUseCount = &n
		}
		return AggregationResponse{AwsEcrContainerAggregation: row}
	case AggregationTypeImageLayer:
		return AggregationResponse{ImageLayerAggregation: &ImageLayerAggregationResponse{Repository: res.img.RepositoryName,
			ResourceID: res.id, LayerHash: g.name, AccountID: g.acct, SeverityCounts: g.counts()}}
	case AggregationTypePackage:
		return AggregationResponse{PackageAggregation: &PackageAggregationResponse{PackageName: g.name, AccountID: acct, SeverityCounts: g.counts()}}
	case AggregationTypeRepository:
		return AggregationResponse{RepositoryAggregation: &RepositoryAggregationResponse{Repository: g.name, AccountID: g.acct,
			SeverityCounts: g.counts(), AffectedImages: int64(len(g.affected))}}
	case AggregationTypeTitle:
		return AggregationResponse{TitleAggregation: &TitleAggregationResponse{Title: g.title, VulnerabilityID: g.vulnID,
			AccountID: acct, SeverityCounts: g.counts()}}
	case AggregationTypeAwsLambdaFunction:
		fn := res.fn
		return AggregationResponse{LambdaFunctionAggregation: &LambdaFunctionAggregationResponse{ResourceID: res.id,
			FunctionName: fn.FunctionName, Runtime: string(fn.Runtime), LambdaTags: cloneTags(fn.Tags), AccountID: g.acct,
			SeverityCounts: g.counts(), LastModifiedAt: fn.LastModifiedAt.UTC()}}
	case AggregationTypeLambdaLayer:
		return AggregationResponse{LambdaLayerAggregation: &LambdaLayerAggregationResponse{FunctionName: res.fn.FunctionName,
			ResourceID: res.id, LayerArn: g.name, AccountID: g.acct, SeverityCounts: g.counts()}}
	}
	return AggregationResponse{}
}
