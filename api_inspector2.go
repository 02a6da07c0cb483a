package awsaccess

// inspector2Ops serves the inspector2 operations; see api_sts.go for the shape of a table.
var inspector2Ops = map[string]opFunc{}
