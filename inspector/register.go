package inspector

import (
	"maps"
	"slices"
)

// Resource registration (library-only: no caller, no IAM).
//
// PutEC2Instance, PutECRImage and PutLambdaFunction add a resource to an
// account in a region, or replace the one with the same resource id, and
// return that id: the instance id, the image ARN
// (arn:aws:ecr:<region>:<registry>:repository/<name>/<digest>) or the
// function ARN (arn:aws:lambda:<region>:<account>:function:<name>:$LATEST).
// The value is copied. When the account scans that resource type the
// resource is scanned at once; otherwise when scanning is enabled.
// RemoveResource closes the resource's findings (they are deleted after
// TerminatedRetention); putting it again within ReopenWindow reopens those
// whose problem is still there.

// PutEC2Instance registers an EC2 instance.
func (s *Service) PutEC2Instance(region, accountID string, inst EC2Instance) (string, error) {
	if err := inst.validate(); err != nil {
		return "", validationOther("%v", err)
	}
	c := copyEC2(&inst)
	return s.put(region, accountID, &resource{rt: rtEC2, id: c.InstanceID, ec2: c})
}

// PutECRImage registers a container image. Registry defaults to the
// account.
func (s *Service) PutECRImage(region, accountID string, img ECRImage) (string, error) {
	if err := img.validate(); err != nil {
		return "", validationOther("%v", err)
	}
	c := copyECR(&img)
	if c.Registry == "" {
		c.Registry = accountID
	}
	return s.put(region, accountID, &resource{rt: rtECRImage, id: ecrImageID(s.partition, region, c), img: c})
}

// PutLambdaFunction registers a Lambda function.
func (s *Service) PutLambdaFunction(region, accountID string, fn LambdaFunction) (string, error) {
	if err := fn.validate(); err != nil {
		return "", validationOther("%v", err)
	}
	c := copyLambda(&fn)
	return s.put(region, accountID, &resource{rt: rtLambda, id: lambdaFunctionID(s.partition, region, accountID, c), fn: c})
}

func (s *Service) put(regionName, accountID string, res *resource) (string, error) {
	r := s.regions[regionName]
	if r == nil {
		return "", accessDenied("Amazon Inspector is not available in the %s Region.", regionName)
	}
	if !isAccountID(accountID) {
		return "", validationOther("invalid account id %q", accountID)
	}
	now, err := s.lock()
	if err != nil {
		return "", err
	}
	defer s.unlock()
	r.put(r.account(accountID), res, now)
	return res.id, nil
}

func (r *region) put(a *account, nr *resource, now int64) *resource {
	res := a.resources[nr.id]
	if res == nil || res.rt != nr.rt {
		if res != nil {
			r.deleteFindings(res)
		}
		nr.acct = a
		a.resources[nr.id] = nr
		res = nr
	} else {
		res.ec2, res.img, res.fn = nr.ec2, nr.img, nr.fn
		res.removedAt = 0
	}
	if a.scanning(res.scanType()) {
		res.coverageStart(now)
		r.scan(res, now)
	}
	return res
}

// RemoveResource removes a registered resource (by the id Put returned).
func (s *Service) RemoveResource(region, accountID, resourceID string) error {
	r := s.regions[region]
	if r == nil {
		return accessDenied("Amazon Inspector is not available in the %s Region.", region)
	}
	now, err := s.lock()
	if err != nil {
		return err
	}
	defer s.unlock()
	a := r.accounts[accountID]
	if a == nil || a.resources[resourceID] == nil || a.resources[resourceID].removedAt != 0 {
		return notFound("The resource %s does not exist in account %s.", resourceID, accountID)
	}
	r.removeResource(a.resources[resourceID], now)
	return nil
}

func copyPackages(ps []Package) []Package { return slices.Clone(ps) }

func copyEC2(i *EC2Instance) *EC2Instance {
	c := *i
	c.Tags = maps.Clone(i.Tags)
	c.Packages = copyPackages(i.Packages)
	c.IPV4Addresses = slices.Clone(i.IPV4Addresses)
	c.IPV6Addresses = slices.Clone(i.IPV6Addresses)
	c.SecurityGroups = make([]SecurityGroup, len(i.SecurityGroups))
	for k, sg := range i.SecurityGroups {
		c.SecurityGroups[k] = SecurityGroup{ID: sg.ID, Ingress: make([]IngressRule, len(sg.Ingress))}
		for j, rule := range sg.Ingress {
			rule.CIDRs = slices.Clone(rule.CIDRs)
			c.SecurityGroups[k].Ingress[j] = rule
		}
	}
	return &c
}

func copyECR(img *ECRImage) *ECRImage {
	c := *img
	c.Tags = slices.Clone(img.Tags)
	c.Layers = make([]Layer, len(img.Layers))
	for k, l := range img.Layers {
		c.Layers[k] = Layer{Digest: l.Digest, Packages: copyPackages(l.Packages)}
	}
	return &c
}

func copyLambda(fn *LambdaFunction) *LambdaFunction {
	c := *fn
	c.Tags = maps.Clone(fn.Tags)
	c.Packages = copyPackages(fn.Packages)
	c.Layers = make([]LambdaLayer, len(fn.Layers))
	for k, l := range fn.Layers {
		c.Layers[k] = LambdaLayer{Arn: l.Arn, Packages: copyPackages(l.Packages)}
	}
	return &c
}
