package inspector

// LoadRequest describes a region's state to load in bulk.
type LoadRequest struct {
	Region string
	// OrganizationID and DelegatedAdmin, when both are set, make
	// DelegatedAdmin the organization's delegated administrator in the
	// region and associate every other account of Accounts as its member.
	// Organizations is not called: the caller keeps it consistent.
	OrganizationID string
	DelegatedAdmin string
	Accounts       []LoadAccount
	// Shared keeps the resources' package slices instead of copying them;
	// the caller must not modify them afterwards.
	Shared bool
}

// LoadAccount is one account's state.
type LoadAccount struct {
	AccountID string
	// ScanTypes are ENABLED at once, without the ENABLING delay.
	ScanTypes       []ResourceScanType
	EC2Instances    []EC2Instance
	ECRImages       []ECRImage
	LambdaFunctions []LambdaFunction
}

// Load is a library-only bulk loader for simulators and benchmarks: it
// sets up accounts, delegation and resources directly, without callers,
// IAM checks or delays, and scans every resource once. It is equivalent to
// enabling the scan types, delegating, associating and putting the
// resources one by one and waiting for EnableDelay, but much faster.
func (s *Service) Load(req LoadRequest) error {
	r := s.regions[req.Region]
	if r == nil {
		return accessDenied("Amazon Inspector is not available in the %s Region.", req.Region)
	}
	for _, la := range req.Accounts {
		if !isAccountID(la.AccountID) {
			return validationOther("invalid account id %q", la.AccountID)
		}
		for _, t := range la.ScanTypes {
			if _, ok := scanTypeIndex(t); !ok {
				return validationOther("invalid scan type %q", t)
			}
		}
		for i := range la.EC2Instances {
			if err := la.EC2Instances[i].validate(); err != nil {
				return validationOther("%v", err)
			}
		}
		for i := range la.ECRImages {
			if err := la.ECRImages[i].validate(); err != nil {
				return validationOther("%v", err)
			}
		}
		for i := range la.LambdaFunctions {
			if err := la.LambdaFunctions[i].validate(); err != nil {
				return validationOther("%v", err)
			}
		}
	}
	if (req.OrganizationID == "") != (req.DelegatedAdmin == "") {
		return validationOther("OrganizationID and DelegatedAdmin go together")
	}
	now, err := s.lock()
	if err != nil {
		return err
	}
	defer s.unlock()
	var da *orgAdmin
	if req.DelegatedAdmin != "" {
		if old := r.admins[req.OrganizationID]; old != nil && old.account != req.DelegatedAdmin {
			return conflict(old.account, "DelegatedAdminAccount", "the organization already has a delegated administrator")
		}
		da = r.admins[req.OrganizationID]
		if da == nil {
			da = &orgAdmin{orgID: req.OrganizationID, account: req.DelegatedAdmin, status: DelegatedAdminStatusEnabled, members: map[string]*account{}}
			r.admins[req.OrganizationID] = da
			r.adminOf[req.DelegatedAdmin] = da
		}
	}
	for _, la := range req.Accounts {
		a := r.account(la.AccountID)
		for _, t := range la.ScanTypes {
			st, _ := scanTypeIndex(t)
			if a.types[st].status != StatusEnabled {
				a.types[st] = typeState{status: StatusEnabled}
			}
		}
		if da != nil && la.AccountID != da.account && a.admin != da {
			da.members[a.id] = a
			a.admin, a.everAs = da, true
			a.rel, a.relAt, a.relDA = RelationshipStatusEnabled, now, da.account
		}
		put := func(res *resource) {
			if a.resources[res.id] != nil {
				r.put(a, res, now)
				return
			}
			res.acct = a
			a.resources[res.id] = res
			if a.scanning(res.scanType()) {
				res.coverageStart(now)
				r.scan(res, now)
			}
		}
		for i := range la.EC2Instances {
			inst := &la.EC2Instances[i]
			var c *EC2Instance
			if req.Shared {
				cp := *inst
				c = &cp
			} else {
				c = copyEC2(inst)
			}
			put(&resource{rt: rtEC2, id: c.InstanceID, ec2: c})
		}
		for i := range la.ECRImages {
			var c *ECRImage
			if req.Shared {
				cp := la.ECRImages[i]
				c = &cp
			} else {
				c = copyECR(&la.ECRImages[i])
			}
			if c.Registry == "" {
				c.Registry = a.id
			}
			put(&resource{rt: rtECRImage, id: ecrImageID(s.partition, r.name, c), img: c})
		}
		for i := range la.LambdaFunctions {
			var c *LambdaFunction
			if req.Shared {
				cp := la.LambdaFunctions[i]
				c = &cp
			} else {
				c = copyLambda(&la.LambdaFunctions[i])
			}
			put(&resource{rt: rtLambda, id: lambdaFunctionID(s.partition, r.name, a.id, c), fn: c})
		}
		r.recountAccount(a)
	}
	if da != nil {
		r.recountAccount(r.account(da.account))
	}
	return nil
}
