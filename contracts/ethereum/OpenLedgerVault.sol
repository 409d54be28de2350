// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.26;

/// The part of ERC-20 the vault uses.
interface IERC20 {
    function transfer(address to, uint256 amount) external returns (bool);
    function transferFrom(address from, address to, uint256 amount) external returns (bool);
}

/// @title OpenLedger's vault on Ethereum
/// @notice Holds the ERC-20 OPEN that circulates on OpenLedger. A holder deposits OPEN here for
/// an OpenLedger account (`deposit`); the OpenLedger committee signs its release there, and the
/// chain's bridge pallet pays it out of its reserve. OPEN locked on OpenLedger is released here
/// (`release`) given the committee's signatures. The committee changes only when the current
/// one signs the change that OpenLedger's governance decided (`changeCommittee`).
///
/// Trust: releases are attested by `threshold` of the committee, not proven; see
/// `pallet-bridge`'s documentation. A threshold that turns bad can release what was never
/// locked and hand the vault to a committee of its own. Bounds: releases are capped per day
/// (`maxReleasePerDay`, counted in fixed UTC days); any one member can pause the vault with a
/// signature (`pause`), and only the `guardian` (a key OpenLedger's governance appoints, which
/// can do nothing else) lifts the pause, once the committee is one it trusts.
///
/// Signatures are EIP-712 typed data in the domain {name "OpenLedger Bridge", version "1",
/// this chain's id, this contract}; every message carries `chain`, the OpenLedger genesis hash.
/// `s` must be in the lower half of the curve's order and signers strictly ascending.
contract OpenLedgerVault {
    bytes32 private constant DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    bytes32 private constant RELEASE_TYPEHASH =
        keccak256("ReleaseOnEthereum(bytes32 chain,uint64 nonce,address recipient,uint256 amount)");
    bytes32 private constant COMMITTEE_TYPEHASH =
        keccak256("CommitteeChange(bytes32 chain,uint64 epoch,address[] members,uint8 threshold)");
    bytes32 private constant PAUSE_TYPEHASH = keccak256("Pause(bytes32 chain,uint64 epoch)");
    /// Half the order of secp256k1's group (EIP-2).
    uint256 private constant HALF_ORDER = 0x7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF5D576E7357A4501DDFE92F46681B20A0;
    /// The most committee members (as the pallet's `MaxMembers`).
    uint256 public constant MAX_MEMBERS = 16;

    /// ERC-20 OPEN.
    IERC20 public immutable token;
    /// The OpenLedger chain's genesis hash.
    bytes32 public immutable chain;
    /// The bridge's reserve account on OpenLedger, which no deposit may name.
    bytes32 public immutable reserve;
    /// Who lifts a pause (and may pause).
    address public immutable guardian;
    /// The least and the most one deposit moves (the pallet's `MinTransfer` and `MaxTransfer`,
    /// so that every deposit can be released there).
    uint256 public immutable minDeposit;
    uint256 public immutable maxDeposit;
    /// The most released in a day (UTC days of block time).
    uint256 public immutable maxReleasePerDay;

    /// The committee, strictly ascending.
    address[] private members;
    /// How many of it must sign.
    uint8 public threshold;
    /// The committee's epoch, as OpenLedger numbers it.
    uint64 public epoch;
    /// The number the next deposit gets.
    uint64 public nextDeposit;
    /// OpenLedger locks released here: bit `n % 256` of word `n / 256`.
    mapping(uint256 => uint256) private released;
    /// The day releases are counted for, and what it has released.
    uint256 public releaseDay;
    uint256 public releasedToday;
    /// Whether deposits and releases are stopped.
    bool public paused;

    event Deposited(uint64 indexed nonce, address indexed from, bytes32 recipient, uint256 amount);
    event Released(uint64 indexed nonce, address indexed recipient, uint256 amount);
    event CommitteeChanged(uint64 epoch, address[] members, uint8 threshold);
    event PausedBy(address by);
    event Unpaused();

    error BadCommittee();
    error BadAmount();
    error ZeroRecipient();
    error TransferFailed();
    error AlreadyReleased();
    error DailyLimitReached();
    error WrongEpoch();
    error BadSignatureCount();
    error BadSignature();
    error SignersNotAscending();
    error NotMember();
    error IsPaused();
    error NotGuardian();

    constructor(
        IERC20 token_,
        bytes32 chain_,
        bytes32 reserve_,
        address guardian_,
        address[] memory members_,
        uint8 threshold_,
        uint64 epoch_,
        uint256 minDeposit_,
        uint256 maxDeposit_,
        uint256 maxReleasePerDay_
    ) {
        if (minDeposit_ == 0 || minDeposit_ > maxDeposit_) revert BadAmount();
        _setCommittee(members_, threshold_);
        token = token_;
        chain = chain_;
        reserve = reserve_;
        guardian = guardian_;
        epoch = epoch_;
        emit CommitteeChanged(epoch_, members_, threshold_);
        minDeposit = minDeposit_;
        maxDeposit = maxDeposit_;
        maxReleasePerDay = maxReleasePerDay_;
    }

    /// The committee.
    function committee() external view returns (address[] memory) {
        return members;
    }

    /// Whether OpenLedger lock `nonce` was released here.
    function isReleased(uint64 nonce) public view returns (bool) {
        return released[nonce / 256] & (1 << (nonce % 256)) != 0;
    }

    /// The EIP-712 domain separator.
    function domainSeparator() public view returns (bytes32) {
        return keccak256(
            abi.encode(DOMAIN_TYPEHASH, keccak256("OpenLedger Bridge"), keccak256("1"), block.chainid, address(this))
        );
    }

    /// What the committee signs to release OpenLedger lock `nonce` here.
    function releaseDigest(uint64 nonce, address recipient, uint256 amount) public view returns (bytes32) {
        bytes32 message = keccak256(abi.encode(RELEASE_TYPEHASH, chain, nonce, recipient, amount));
        return keccak256(abi.encodePacked("\x19\x01", domainSeparator(), message));
    }

    /// What the committee signs to hand over to the committee of `newEpoch`.
    function committeeDigest(uint64 newEpoch, address[] calldata newMembers, uint8 newThreshold)
        public
        view
        returns (bytes32)
    {
        bytes32 message = keccak256(
            abi.encode(COMMITTEE_TYPEHASH, chain, newEpoch, keccak256(abi.encodePacked(newMembers)), newThreshold)
        );
        return keccak256(abi.encodePacked("\x19\x01", domainSeparator(), message));
    }

    /// Deposits `amount` of the caller's OPEN (approved to this contract) for the OpenLedger
    /// account whose 32 bytes are `recipient`; the committee signs its release there under
    /// the number in `Deposited`.
    function deposit(bytes32 recipient, uint256 amount) external returns (uint64 nonce) {
        if (paused) revert IsPaused();
        if (recipient == bytes32(0) || recipient == reserve) revert ZeroRecipient();
        if (amount < minDeposit || amount > maxDeposit) revert BadAmount();
        if (!token.transferFrom(msg.sender, address(this), amount)) revert TransferFailed();
        nonce = nextDeposit;
        nextDeposit = nonce + 1;
        emit Deposited(nonce, msg.sender, recipient, amount);
    }

    /// Releases OpenLedger lock `nonce` — `amount` to `recipient` — given `signatures` (65 bytes
    /// each, `r ‖ s ‖ v`) of its digest by at least `threshold` members, in ascending address
    /// order. Anyone may submit it.
    function release(uint64 nonce, address recipient, uint256 amount, bytes[] calldata signatures) external {
        if (paused) revert IsPaused();
        if (recipient == address(0) || recipient == address(this) || recipient == address(token)) revert ZeroRecipient();
        if (isReleased(nonce)) revert AlreadyReleased();
        _verify(releaseDigest(nonce, recipient, amount), signatures);
        uint256 day = block.timestamp / 1 days;
        uint256 today = day == releaseDay ? releasedToday : 0;
        if (today + amount > maxReleasePerDay) revert DailyLimitReached();
        releaseDay = day;
        releasedToday = today + amount;
        released[nonce / 256] |= 1 << (nonce % 256);
        if (!token.transfer(recipient, amount)) revert TransferFailed();
        emit Released(nonce, recipient, amount);
    }

    /// Hands over to the committee OpenLedger's governance chose for `newEpoch` (any later
    /// epoch: governance may have changed it more than once meanwhile), given the current
    /// committee's signatures of the change. Allowed while paused.
    function changeCommittee(
        uint64 newEpoch,
        address[] calldata newMembers,
        uint8 newThreshold,
        bytes[] calldata signatures
    ) external {
        if (newEpoch <= epoch) revert WrongEpoch();
        _verify(committeeDigest(newEpoch, newMembers, newThreshold), signatures);
        _setCommittee(newMembers, newThreshold);
        epoch = newEpoch;
        emit CommitteeChanged(newEpoch, newMembers, newThreshold);
    }

    /// Pauses deposits and releases, given one member's signature of a `Pause` for the current
    /// epoch (or called by the guardian). Anyone may submit it.
    function pause(bytes calldata signature) external {
        address by = msg.sender;
        if (by != guardian) {
            bytes32 message = keccak256(abi.encode(PAUSE_TYPEHASH, chain, epoch));
            by = _signer(keccak256(abi.encodePacked("\x19\x01", domainSeparator(), message)), signature);
            if (!_isMember(by)) revert NotMember();
        }
        paused = true;
        emit PausedBy(by);
    }

    /// Lifts a pause. Guardian only.
    function unpause() external {
        if (msg.sender != guardian) revert NotGuardian();
        paused = false;
        emit Unpaused();
    }

    /// Checks and sets a committee: one to `MAX_MEMBERS` members (an empty committee could never
    /// sign again), strictly ascending, no zero address, a threshold of more than half and at
    /// most all.
    function _setCommittee(address[] memory newMembers, uint8 newThreshold) private {
        uint256 n = newMembers.length;
        if (n == 0 || n > MAX_MEMBERS) revert BadCommittee();
        for (uint256 i = 0; i < n; i++) {
            if (newMembers[i] == address(0) || (i > 0 && newMembers[i - 1] >= newMembers[i])) revert BadCommittee();
        }
        if (newThreshold > n || uint256(newThreshold) * 2 <= n) revert BadCommittee();
        members = newMembers;
        threshold = newThreshold;
    }

    /// Checks `signatures` of `digest`: at least `threshold`, at most the committee, each a
    /// member's, low `s`, `v` 27 or 28, signers strictly ascending.
    function _verify(bytes32 digest, bytes[] calldata signatures) private view {
        uint256 count = signatures.length;
        if (members.length == 0 || count < threshold || count > members.length) revert BadSignatureCount();
        address last = address(0);
        for (uint256 i = 0; i < count; i++) {
            address signer = _signer(digest, signatures[i]);
            if (signer <= last) revert SignersNotAscending();
            if (!_isMember(signer)) revert NotMember();
            last = signer;
        }
    }

    /// The signer of `digest` with `signature` (`r ‖ s ‖ v`, `v` 27 or 28, low `s`).
    function _signer(bytes32 digest, bytes calldata signature) private pure returns (address signer) {
        if (signature.length != 65) revert BadSignature();
        bytes32 r = bytes32(signature[0:32]);
        bytes32 s = bytes32(signature[32:64]);
        uint8 v = uint8(signature[64]);
        if ((v != 27 && v != 28) || uint256(s) == 0 || uint256(s) > HALF_ORDER) revert BadSignature();
        signer = ecrecover(digest, v, r, s);
        if (signer == address(0)) revert BadSignature();
    }

    /// Whether `who` is on the committee (a binary search: members are ascending).
    function _isMember(address who) private view returns (bool) {
        uint256 lo = 0;
        uint256 hi = members.length;
        while (lo < hi) {
            uint256 mid = (lo + hi) / 2;
            address m = members[mid];
            if (m == who) return true;
            if (m < who) lo = mid + 1;
            else hi = mid;
        }
        return false;
    }
}
