<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR">
    <context>
        <name>App</name>
        <message>
            <source>Could not open a rating file; use File › Open</source>
            <extracomment>Share of the screen's available area a window gets on first start. The process's warm-up (one per process: what it imports stays imported).</extracomment>
            <translation>평점 파일을 열 수 없습니다. 파일 › 열기를 사용하세요</translation>
        </message>
    </context>
    <context>
        <name>CodeView</name>
        <message>
            <source>Copy</source>
            <translation>복사</translation>
        </message>
        <message>
            <source>Copy the code to the clipboard</source>
            <translation>코드를 클립보드에 복사</translation>
        </message>
    </context>
    <context>
        <name>Document</name>
        <message>
            <source>process {pid} ({app}) on {host}</source>
            <translation>{host}의 프로세스 {pid} ({app})</translation>
        </message>
        <message>
            <source>another SoloRec window</source>
            <translation>다른 SoloRec 창</translation>
        </message>
        <message>
            <source>copy of {0}</source>
            <extracomment>A new document is shown (a file opened, a copy, a restore): panels clear what they showed. The file, the read-only state or the modified flag changed (the title follows). The predictions shown (and their provenance) changed. The document's status text changed. Rows or columns changed after training and a fold-in into the trained model can predict them (``refresh_request()`` says what); the live-update controller runs it in the background. A message about an edit of the table's rows or columns (for the status bar). A message that must not be missed (a dialog): a training's predictions no longer fit the table. The file this untitled document is a copy of. Live what-if: an edited row of a trained user is re-fitted in the background (fold-in) instead of making every prediction stale. Users and items added after training are folded in either way. When the oldest change waiting for a refresh was made (perf_counter), for the latency figure.</extracomment>
            <translation>{0}의 사본</translation>
        </message>
        <message>
            <source>untitled</source>
            <translation>제목 없음</translation>
        </message>
        <message>
            <source>{name} is open in {owner}; save under another name, or close it there first</source>
            <translation>{name} 파일은 {owner}에서 열려 있습니다. 다른 이름으로 저장하거나 그쪽에서 먼저 닫으세요</translation>
        </message>
        <message>
            <source>train a model first (F5): the export fills missing cells with its predictions</source>
            <translation>먼저 모델을 훈련하세요(F5). 내보내기는 빈 칸을 모델의 예측으로 채웁니다</translation>
        </message>
        <message>
            <source>some rows or columns added after training have no prediction yet; wait for the fold-in, or train again (F5)</source>
            <translation>훈련 뒤에 추가된 행이나 열 중 일부는 아직 예측이 없습니다. 폴드인을 기다리거나 다시 훈련하세요(F5)</translation>
        </message>
        <message>
            <source>A completed table of {u} users × {i} items would have {cells}: too large to write. Export the top-N recommendations of every user (File › Export recommendations…) or the predictions for chosen users (File › Export predictions for chosen users…) instead.</source>
            <translation>사용자 {u}명 × 항목 {i}개의 완성된 표는 {cells}이 되어 파일로 쓸 수 없습니다. 대신 모든 사용자의 상위 N 추천(파일 › 추천 내보내기…)이나 선택한 사용자의 예측(파일 › 선택한 사용자의 예측 내보내기…)을 내보내세요.</translation>
        </message>
        <message>
            <source>Rows or columns were added or removed while the model trained: its predictions fit the table it was trained on, so they are not shown. Press F5 to train on the table as it is.</source>
            <translation>훈련하는 동안 행이나 열이 추가되거나 삭제되었습니다. 예측은 훈련에 쓰인 표에 맞는 것이라 표시하지 않습니다. 지금 표로 훈련하려면 F5를 누르세요.</translation>
        </message>
        <message>
            <source>The table changed during training</source>
            <translation>훈련 중에 표가 바뀌었습니다</translation>
        </message>
        <message>
            <source>{0:%H:%M:%S}</source>
            <translation>{0:%H:%M:%S}</translation>
        </message>
        <message>
            <source>, into model 1 of the ensemble</source>
            <translation>, 앙상블의 1번 모델에</translation>
        </message>
        <message>
            <source>The predictions could not be refreshed ({0}); they are marked stale: F5 retrains</source>
            <translation>예측을 새로 고칠 수 없어({0}) 오래된 예측으로 표시했습니다. F5로 다시 훈련하세요</translation>
        </message>
        <message>
            <source>{0}: no rating yet, so the predictions are the model's guess for a newcomer (its biases) until you rate something</source>
            <translation>{0}: 아직 평점이 없어 새 사용자에 대한 모델의 추측(편향)이 예측으로 표시됩니다. 평점을 하나 매기면 바뀝니다</translation>
        </message>
    </context>
    <context>
        <name>EmbeddingMap</name>
        <message>
            <source>Names</source>
            <extracomment>Fill colours of MBTI groups (first letters of the tag), colour-blind-friendly-ish.</extracomment>
            <translation>이름</translation>
        </message>
        <message>
            <source>Colour by MBTI group</source>
            <translation>MBTI 그룹별 색상</translation>
        </message>
        <message>
            <source>Export for Projector…</source>
            <translation>Projector용 내보내기…</translation>
        </message>
        <message>
            <source>Write the embeddings as TSV vectors plus a metadata TSV, the files the TensorFlow Embedding Projector (projector.tensorflow.org) loads</source>
            <translation>임베딩을 TSV 벡터와 메타데이터 TSV로 씁니다. TensorFlow Embedding Projector(projector.tensorflow.org)가 읽는 파일입니다</translation>
        </message>
        <message>
            <source>Train a model (F5) to see its embeddings</source>
            <translation>임베딩을 보려면 모델을 훈련하세요(F5)</translation>
        </message>
        <message>
            <source>epoch {0}</source>
            <translation>에폭 {0}</translation>
        </message>
        <message>
            <source>axes explain {0:.0%} and {1:.0%} of the spread</source>
            <translation>두 축이 분산의 {0:.0%}와 {1:.0%}를 설명합니다</translation>
        </message>
        <message>
            <source>users (rows)</source>
            <translation>사용자(행)</translation>
        </message>
        <message>
            <source>items (columns)</source>
            <translation>아이템(열)</translation>
        </message>
        <message>
            <source>fill = MBTI group:</source>
            <translation>채우기 = MBTI 그룹:</translation>
        </message>
        <message>
            <source>This model has no embeddings (the baseline has only biases): nothing to map</source>
            <translation>이 모델에는 임베딩이 없습니다(기준 모델은 편향만 있음). 지도로 그릴 것이 없습니다</translation>
        </message>
        <message>
            <source>training…</source>
            <translation>훈련 중…</translation>
        </message>
    </context>
    <context>
        <name>EvaluationPanel</name>
        <message>
            <source>Cross-validate</source>
            <translation>교차 검증</translation>
        </message>
        <message>
            <source>Train the shown model's settings K times, each time testing on one fold</source>
            <translation>표시된 모델 설정으로 K번 훈련하고, 매번 한 폴드로 테스트합니다</translation>
        </message>
        <message>
            <source>Compare models</source>
            <translation>모델 비교</translation>
        </message>
        <message>
            <source>The ticked models on the same folds, each with its own settings (as the training panel shows them)</source>
            <translation>체크한 모델들을 같은 폴드로 비교합니다. 각 모델은 훈련 패널에 표시된 자기 설정을 씁니다</translation>
        </message>
        <message>
            <source>Compare:</source>
            <translation>비교:</translation>
        </message>
        <message>
            <source>Shade the grid where</source>
            <translation>표에 음영 표시:</translation>
        </message>
        <message>
            <source>Missing cells darker where the two models' predictions differ more (trained on all ratings); the grid shows the first model's predictions meanwhile</source>
            <translation>두 모델의 예측 차이가 클수록 빈 칸을 더 진하게 칠합니다(전체 평점으로 훈련). 그동안 표에는 첫 번째 모델의 예측이 표시됩니다</translation>
        </message>
        <message>
            <source>and</source>
            <translation>와(과)</translation>
        </message>
        <message>
            <source>differ</source>
            <translation>의 차이</translation>
        </message>
        <message>
            <source>no model ticked</source>
            <translation>체크한 모델 없음</translation>
        </message>
        <message>
            <source>The models to compare; each is trained with its own settings</source>
            <translation>비교할 모델. 각 모델은 자기 설정으로 훈련됩니다</translation>
        </message>
        <message>
            <source>Cross-validate the shown model's settings, or compare models on the same folds, each with its own settings.</source>
            <translation>표시된 모델 설정을 교차 검증하거나, 같은 폴드에서 모델들을 각자의 설정으로 비교합니다.</translation>
        </message>
        <message>
            <source>fold</source>
            <translation>폴드</translation>
        </message>
        <message>
            <source>train RMSE</source>
            <translation>훈련 RMSE</translation>
        </message>
        <message>
            <source>train</source>
            <translation>훈련</translation>
        </message>
        <message>
            <source>test</source>
            <translation>테스트</translation>
        </message>
        <message>
            <source>epochs</source>
            <translation>에폭</translation>
        </message>
        <message>
            <source>seconds</source>
            <translation>초</translation>
        </message>
        <message>
            <source>{model} ({settings}), {k}-fold cross-validation (seed {seed}): held-out RMSE {r:.3f} ± {rsd:.3f}, MAE {m:.3f} ± {msd:.3f}; on its own training ratings RMSE {tr:.3f}.</source>
            <translation>{model} ({settings}), {k}-폴드 교차 검증(시드 {seed}): 검증용 RMSE {r:.3f} ± {rsd:.3f}, MAE {m:.3f} ± {msd:.3f}; 자기 훈련 평점에서는 RMSE {tr:.3f}.</translation>
        </message>
        <message>
            <source>The gap between the two is what overfitting looks like.</source>
            <translation>둘 사이의 차이가 바로 과적합의 모습입니다.</translation>
        </message>
        <message>
            <source>model</source>
            <translation>모델</translation>
        </message>
        <message>
            <source>settings (each model its own)</source>
            <translation>설정(모델마다 따로)</translation>
        </message>
        <message>
            <source>RMSE (mean ± sd)</source>
            <translation>RMSE (평균 ± 표준편차)</translation>
        </message>
        <message>
            <source>MAE (mean ± sd)</source>
            <translation>MAE (평균 ± 표준편차)</translation>
        </message>
        <message>
            <source>{folds} folds, the same for every model; each model trained with its own settings. {verdict} Seconds = total training time over the folds.</source>
            <translation>모든 모델에 같은 {folds}개 폴드, 각 모델은 자기 설정으로 훈련했습니다. {verdict} 초 = 모든 폴드의 훈련 시간 합계.</translation>
        </message>
        <message>
            <source>No model produced a result.</source>
            <translation>결과를 낸 모델이 없습니다.</translation>
        </message>
        <message>
            <source>{0}: RMSE {1:.4f}.</source>
            <translation>{0}: RMSE {1:.4f}.</translation>
        </message>
        <message>
            <source>Winner: {best}, its RMSE is {lead:.4f} lower than {second}'s, more than the spread between folds ({spread:.4f}).</source>
            <translation>우승: {best}. RMSE가 {second}보다 {lead:.4f} 낮고, 이는 폴드 간 편차({spread:.4f})보다 큽니다.</translation>
        </message>
        <message>
            <source>No clear winner: {best} is ahead of {second} by {lead:.4f}, less than the spread between folds ({spread:.4f}).</source>
            <translation>뚜렷한 우승 없음: {best}가 {second}보다 {lead:.4f} 앞서지만 폴드 간 편차({spread:.4f})보다 작습니다.</translation>
        </message>
        <message>
            <source>MF: matrix factorisation</source>
            <translation>MF: 행렬 분해</translation>
        </message>
        <message>
            <source>MF</source>
            <translation>MF</translation>
        </message>
        <message>
            <source>Matrix factorisation (the lecture's): σ(u·v + b_u + b_i) scaled to the rating range</source>
            <translation>행렬 분해(강의의 모델): σ(u·v + b_u + b_i)를 평점 범위로 조정</translation>
        </message>
        <message>
            <source>Epochs</source>
            <translation>에폭</translation>
        </message>
        <message>
            <source>Learning rate</source>
            <translation>학습률</translation>
        </message>
        <message>
            <source>Batch size</source>
            <translation>배치 크기</translation>
        </message>
        <message>
            <source>full batch</source>
            <translation>전체 배치</translation>
        </message>
        <message>
            <source>Seed</source>
            <translation>시드</translation>
        </message>
        <message>
            <source>Embedding dim</source>
            <translation>임베딩 차원</translation>
        </message>
        <message>
            <source>length of each user and item vector</source>
            <translation>사용자 벡터와 아이템 벡터의 길이</translation>
        </message>
        <message>
            <source>Weight decay</source>
            <translation>가중치 감쇠</translation>
        </message>
        <message>
            <source>Adam's L2 penalty</source>
            <translation>Adam의 L2 페널티</translation>
        </message>
        <message>
            <source>NN: neural recommender</source>
            <translation>NN: 신경망 추천 모델</translation>
        </message>
        <message>
            <source>NN</source>
            <translation>NN</translation>
        </message>
        <message>
            <source>Neural recommender (the lecture's): [u, v, b_u, b_i] → MLP → σ scaled to the rating range</source>
            <translation>신경망 추천 모델(강의의 모델): [u, v, b_u, b_i] → MLP → σ를 평점 범위로 조정</translation>
        </message>
        <message>
            <source>Hidden layers</source>
            <translation>은닉층</translation>
        </message>
        <message>
            <source>sizes of the MLP's hidden layers, e.g. 15,15</source>
            <translation>MLP 은닉층의 크기, 예: 15,15</translation>
        </message>
        <message>
            <source>Baseline: mean + biases</source>
            <translation>기준 모델: 평균 + 편향</translation>
        </message>
        <message>
            <source>Baseline</source>
            <translation>기준 모델</translation>
        </message>
        <message>
            <source>Baseline: mean rating + user bias + item bias (no embeddings)</source>
            <translation>기준 모델: 평균 평점 + 사용자 편향 + 아이템 편향(임베딩 없음)</translation>
        </message>
        <message>
            <source>MF for large data</source>
            <translation>대규모 데이터용 MF</translation>
        </message>
        <message>
            <source>MF for large data: mean + user/item biases + u·v, small init, L2 per mini-batch</source>
            <translation>대규모 데이터용 MF: 평균 + 사용자/아이템 편향 + u·v, 작은 초기값, 미니배치마다 L2</translation>
        </message>
        <message>
            <source>L2 on embeddings</source>
            <translation>임베딩 L2</translation>
        </message>
        <message>
            <source>weight of mean(|p_u|² + |q_i|²) over each mini-batch</source>
            <translation>미니배치마다 mean(|p_u|² + |q_i|²)에 곱하는 가중치</translation>
        </message>
        <message>
            <source>L2 on biases</source>
            <translation>편향 L2</translation>
        </message>
        <message>
            <source>weight of mean(b_u² + b_i²) over each mini-batch</source>
            <translation>미니배치마다 mean(b_u² + b_i²)에 곱하는 가중치</translation>
        </message>
        <message>
            <source>LR decay per epoch</source>
            <translation>에폭당 학습률 감소</translation>
        </message>
        <message>
            <source>the learning rate is multiplied by this after every epoch (1 = constant)</source>
            <translation>에폭이 끝날 때마다 학습률에 이 값을 곱합니다(1 = 일정)</translation>
        </message>
        <message>
            <source>SVD++ (large data)</source>
            <translation>SVD++ (대규모 데이터)</translation>
        </message>
        <message>
            <source>SVD++ (Koren 2008): mean + biases + q_i·(p_u + |N(u)|^-½ Σ y_j over the items u rated)</source>
            <translation>SVD++ (Koren 2008): 평균 + 편향 + q_i·(p_u + |N(u)|^-½ Σ u가 평가한 아이템의 y_j)</translation>
        </message>
        <message>
            <source>L2 on p and q</source>
            <translation>p와 q의 L2</translation>
        </message>
        <message>
            <source>L2 on implicit vectors</source>
            <translation>암묵 벡터의 L2</translation>
        </message>
        <message>
            <source>weight of mean(|y_i|²) over each mini-batch's items</source>
            <translation>미니배치 아이템마다 mean(|y_i|²)에 곱하는 가중치</translation>
        </message>
        <message>
            <source>I-AutoRec (large data)</source>
            <translation>I-AutoRec (대규모 데이터)</translation>
        </message>
        <message>
            <source>I-AutoRec: each item's ratings → σ(V·r) → W·h (an item-based autoencoder)</source>
            <translation>I-AutoRec: 각 아이템의 평점 → σ(V·r) → W·h (아이템 기반 오토인코더)</translation>
        </message>
        <message>
            <source>Batch size (items)</source>
            <translation>배치 크기(아이템)</translation>
        </message>
        <message>
            <source>all items</source>
            <translation>모든 아이템</translation>
        </message>
        <message>
            <source>Hidden units</source>
            <translation>은닉 유닛</translation>
        </message>
        <message>
            <source>L2 (λ)</source>
            <translation>L2 (λ)</translation>
        </message>
        <message>
            <source>λ on the encoder's and decoder's weights</source>
            <translation>인코더와 디코더 가중치에 주는 λ</translation>
        </message>
        <message>
            <source>MF + AutoRec blend (large data)</source>
            <translation>MF + AutoRec 혼합 (대규모 데이터)</translation>
        </message>
        <message>
            <source>Ensemble: mf-large and autorec trained in turn, predictions blended</source>
            <translation>앙상블: mf-large와 autorec을 차례로 훈련하고 예측을 섞습니다</translation>
        </message>
        <message>
            <source>MF part</source>
            <translation>MF 부분</translation>
        </message>
        <message>
            <source>AutoRec part</source>
            <translation>AutoRec 부분</translation>
        </message>
        <message>
            <source>Weight of MF</source>
            <translation>MF 가중치</translation>
        </message>
        <message>
            <source>the MF's share of the blended prediction (AutoRec gets the rest)</source>
            <translation>섞은 예측에서 MF가 차지하는 비율(나머지는 AutoRec)</translation>
        </message>
        <message>
            <source>EASE (top-N ranker)</source>
            <translation>EASE (상위 N 순위 모델)</translation>
        </message>
        <message>
            <source>EASE: closed-form item-item weights on the rated/liked pattern; ranks items, does not predict ratings</source>
            <translation>EASE: 평가함/좋아함 패턴에서 닫힌 형태로 구한 아이템-아이템 가중치. 아이템 순위를 매기며 평점은 예측하지 않습니다</translation>
        </message>
        <message>
            <source>λ (L2)</source>
            <translation>λ (L2)</translation>
        </message>
        <message>
            <source>ridge penalty on the item weights</source>
            <translation>아이템 가중치에 주는 릿지 페널티</translation>
        </message>
        <message>
            <source>Weight of 'liked'</source>
            <translation>'좋아함'의 가중치</translation>
        </message>
        <message>
            <source>input = (1 − w)·rated + w·liked (rating in the scale's top quarter: 4 on 1–5)</source>
            <translation>입력 = (1 − w)·평가함 + w·좋아함(평점이 척도의 상위 4분의 1: 1–5에서 4)</translation>
        </message>
        <message>
            <source>Popularity (top-N baseline)</source>
            <translation>인기도 (상위 N 기준 모델)</translation>
        </message>
        <message>
            <source>Popularity: items ranked by their number of ratings; the baseline for top-N lists</source>
            <translation>인기도: 평점 개수로 아이템 순위를 매깁니다. 상위 N 목록의 기준 모델입니다</translation>
        </message>
        <message>
            <source>User-based (U-AutoRec)</source>
            <translation>사용자 기반 (U-AutoRec)</translation>
        </message>
        <message>
            <source>each user's row of ratings is the input (default: each item's column)</source>
            <translation>각 사용자의 평점 행을 입력으로 사용 (기본: 각 아이템의 열)</translation>
        </message>
        <message>
            <source>Full-batch L-BFGS</source>
            <translation>전체 배치 L-BFGS</translation>
        </message>
        <message>
            <source>L-BFGS on the whole matrix instead of Adam: an epoch is 10 L-BFGS iterations; learning rate and batch size are not used</source>
            <translation>Adam 대신 행렬 전체에 L-BFGS: 에폭 하나가 L-BFGS 10회 반복이며, 학습률과 배치 크기는 쓰지 않음</translation>
        </message>
        <message>
            <source>bfloat16 products</source>
            <translation>bfloat16 행렬곱</translation>
        </message>
        <message>
            <source>train with bfloat16 matrix products when the CPU has them natively (AVX-512 BF16, AMX); ignored elsewhere</source>
            <translation>CPU가 bfloat16을 직접 지원하면(AVX-512 BF16, AMX) bfloat16 행렬곱으로 학습; 그 밖에서는 무시</translation>
        </message>
        <message>
            <source>SVD++ + AutoRec blend (large data)</source>
            <translation>SVD++ + AutoRec 블렌드 (대용량 데이터)</translation>
        </message>
        <message>
            <source>Stack: SVD++, item- and user-based AutoRec in turn, weights learned on a validation slice</source>
            <translation>스택: SVD++, 아이템 기반·사용자 기반 AutoRec을 차례로 학습, 가중치는 검증 조각에서 학습</translation>
        </message>
        <message>
            <source>SVD++ part</source>
            <translation>SVD++ 부분</translation>
        </message>
        <message>
            <source>I-AutoRec part</source>
            <translation>I-AutoRec 부분</translation>
        </message>
        <message>
            <source>U-AutoRec part</source>
            <translation>U-AutoRec 부분</translation>
        </message>
        <message>
            <source>Weight of SVD++</source>
            <translation>SVD++ 가중치</translation>
        </message>
        <message>
            <source>Weight of I-AutoRec</source>
            <translation>I-AutoRec 가중치</translation>
        </message>
        <message>
            <source>Weight of U-AutoRec</source>
            <translation>U-AutoRec 가중치</translation>
        </message>
        <message>
            <source>Offset</source>
            <translation>오프셋</translation>
        </message>
        <message>
            <source>added to the weighted sum (the weights need not sum to 1)</source>
            <translation>가중합에 더하는 값 (가중치의 합이 1일 필요는 없음)</translation>
        </message>
        <message>
            <source>Learn the weights on</source>
            <translation>가중치 학습용 비율</translation>
        </message>
        <message>
            <source>share of the training ratings held out to learn the weights and offset by least squares (the parts train on the rest); 0 = use the weights above</source>
            <translation>가중치와 오프셋을 최소제곱으로 학습하려고 떼어 두는 학습 평점의 비율 (부분 모델은 나머지로 학습); 0 = 위의 가중치 사용</translation>
        </message>
        <message>
            <source>SVD++ + AutoRec blend, weights learned on each file (large data)</source>
            <translation>SVD++ + AutoRec 블렌드, 파일마다 가중치 학습 (대용량 데이터)</translation>
        </message>
        <message>
            <source>The blend, its weights learned by least squares on 10 % of the training ratings</source>
            <translation>블렌드: 가중치를 학습 평점의 10 %에서 최소제곱으로 학습</translation>
        </message>
        <message>
            <source>Sparse gradients</source>
            <translation>희소 그래디언트</translation>
        </message>
        <message>
            <source>sparse embedding gradients scattered into a fused Adam: faster on very large tables (MovieLens-25M size), the same Adam</source>
            <translation>임베딩의 희소 그래디언트를 융합(fused) Adam에 흩어 넣습니다: 매우 큰 표(MovieLens-25M 크기)에서 더 빠르고, Adam은 같습니다</translation>
        </message>
        <message>
            <source>L2 once per user and item</source>
            <translation>사용자·항목마다 한 번 L2</translation>
        </message>
        <message>
            <source>λ of a Gaussian prior on each user's and item's vector, counted once per user and item instead of once per rating (0 = off: the L2 on embeddings above); popular items are then not shrunk harder than rare ones</source>
            <translation>각 사용자와 항목 벡터에 대한 가우스 사전분포의 λ로, 평점마다가 아니라 사용자·항목마다 한 번 셉니다(0 = 끔: 위의 임베딩 L2 사용); 그러면 인기 항목이 드문 항목보다 더 세게 줄어들지 않습니다</translation>
        </message>
        <message>
            <source>Early-stopping share</source>
            <translation>조기 종료용 비율</translation>
        </message>
        <message>
            <source>hold out this share of the training ratings and keep the epoch with the lowest error on them, stopping 2 epochs after it (0 = off)</source>
            <translation>학습 평점 중 이 비율을 떼어 두고 그 오차가 가장 낮은 에포크를 남기며, 그 뒤 2 에포크에서 멈춥니다(0 = 끔)</translation>
        </message>
        <message>
            <source>Bayesian MF (Gibbs sampling)</source>
            <translation>베이지안 MF (깁스 샘플링)</translation>
        </message>
        <message>
            <source>Bayesian MF (Salakhutdinov &amp; Mnih 2008): factors drawn by Gibbs sampling, predictions averaged</source>
            <translation>베이지안 MF (Salakhutdinov &amp; Mnih 2008): 깁스 샘플링으로 뽑은 인수들의 예측을 평균</translation>
        </message>
        <message>
            <source>Gibbs sweeps</source>
            <translation>깁스 스윕 수</translation>
        </message>
        <message>
            <source>each sweep draws every user's, then every item's vector and bias from its posterior given the others</source>
            <translation>스윕마다 모든 사용자의, 이어서 모든 아이템의 벡터와 편향을 나머지가 주어진 사후분포에서 뽑습니다</translation>
        </message>
        <message>
            <source>Burn-in sweeps</source>
            <translation>번인 스윕 수</translation>
        </message>
        <message>
            <source>sweeps before the samples start to count (the chain forgets its random start); with fewer sweeps than this, only the last one counts</source>
            <translation>샘플을 세기 시작하기 전의 스윕 수 (체인이 무작위 시작점을 잊도록); 스윕이 이보다 적으면 마지막 스윕만 셉니다</translation>
        </message>
        <message>
            <source>Keep every n-th sample</source>
            <translation>n번째 샘플마다 보관</translation>
        </message>
        <message>
            <source>after the burn-in, every n-th sweep's sample joins the average</source>
            <translation>번인 뒤 n번째 스윕마다 그 샘플을 평균에 넣습니다</translation>
        </message>
        <message>
            <source>Noise level per user</source>
            <translation>사용자별 잡음 수준</translation>
        </message>
        <message>
            <source>draw one noise precision per user (a user with noisy ratings pulls the items less); off: one for all ratings, as in the paper</source>
            <translation>사용자마다 잡음 정밀도를 하나씩 뽑습니다 (평점이 들쭉날쭉한 사용자는 아이템을 덜 끌어당김); 끄면 논문처럼 모든 평점에 하나</translation>
        </message>
        <message>
            <source>Bayesian MF + AutoRec blend (large data)</source>
            <translation>베이지안 MF + AutoRec 블렌드 (대규모 데이터)</translation>
        </message>
        <message>
            <source>Stack: Bayesian MF (Gibbs sampling), item- and user-based AutoRec, weights depending on the user's and the item's number of ratings</source>
            <translation>스택: 베이지안 MF (깁스 샘플링), 아이템 기반과 사용자 기반 AutoRec; 가중치는 사용자와 아이템의 평점 수에 따라 달라짐</translation>
        </message>
        <message>
            <source>Bayesian MF part</source>
            <translation>베이지안 MF 부분</translation>
        </message>
        <message>
            <source>share of the training ratings held out to learn the weights by least squares (the parts train on the rest); 0 = the weights learned on ml-100k u1.base</source>
            <translation>가중치를 최소제곱으로 학습하려고 떼어 두는 학습 평점의 비율 (부분 모델은 나머지로 학습); 0 = ml-100k u1.base에서 학습한 가중치</translation>
        </message>
        <message>
            <source>Bayesian MF + AutoRec blend, weights learned on each file (large data)</source>
            <translation>베이지안 MF + AutoRec 블렌드, 파일마다 가중치 학습 (대규모 데이터)</translation>
        </message>
        <message>
            <source>The Bayesian MF blend, its count-aware weights learned by least squares on 10 % of the ratings</source>
            <translation>베이지안 MF 블렌드: 평점 수를 반영한 가중치를 평점의 10%에서 최소제곱으로 학습</translation>
        </message>
        <message>
            <source>U-AutoRec (large data)</source>
            <translation>U-AutoRec (대규모 데이터)</translation>
        </message>
        <message>
            <source>Blend weights (least squares)</source>
            <translation>블렌드 가중치 (최소제곱)</translation>
        </message>
    </context>
    <context>
        <name>Explain</name>
        <message>
            <source>score = b_u + b_i + u·v = {b_u:+.3f} {b_i:+.3f} {dot:+.3f} = {score:+.3f}</source>
            <translation>점수 = b_u + b_i + u·v = {b_u:+.3f} {b_i:+.3f} {dot:+.3f} = {score:+.3f}</translation>
        </message>
        <message>
            <source>prediction = {squash} = {value:.3f}</source>
            <translation>예측 = {squash} = {value:.3f}</translation>
        </message>
        <message>
            <source>taste match (u·v) raises it; the user's bias {b_u:+.2f}, the item's {b_i:+.2f}</source>
            <translation>취향 일치(u·v)가 예측을 올립니다. 사용자 편향 {b_u:+.2f}, 아이템 편향 {b_i:+.2f}</translation>
        </message>
        <message>
            <source>taste match (u·v) lowers it; the user's bias {b_u:+.2f}, the item's {b_i:+.2f}</source>
            <translation>취향 일치(u·v)가 예측을 내립니다. 사용자 편향 {b_u:+.2f}, 아이템 편향 {b_i:+.2f}</translation>
        </message>
        <message>
            <source>prediction = mean + b_u + b_i = {mean:.3f} {b_u:+.3f} {b_i:+.3f} = {total:.3f}</source>
            <translation>예측 = 평균 + b_u + b_i = {mean:.3f} {b_u:+.3f} {b_i:+.3f} = {total:.3f}</translation>
        </message>
        <message>
            <source>prediction = mean + b_u + b_i + u·v = {mean:.3f} {b_u:+.3f} {b_i:+.3f} {dot:+.3f} = {total:.3f}</source>
            <translation>예측 = 평균 + b_u + b_i + u·v = {mean:.3f} {b_u:+.3f} {b_i:+.3f} {dot:+.3f} = {total:.3f}</translation>
        </message>
        <message>
            <source>prediction = mean + b_u + b_i + q_i·p_u + q_i·implicit = {mean:.3f} {b_u:+.3f} {b_i:+.3f} {dot:+.3f} {implicit:+.3f} = {total:.3f}</source>
            <translation>예측 = 평균 + b_u + b_i + q_i·p_u + q_i·암묵 = {mean:.3f} {b_u:+.3f} {b_i:+.3f} {dot:+.3f} {implicit:+.3f} = {total:.3f}</translation>
        </message>
        <message>
            <source>implicit = |N(u)|^-½ Σ y_j over the {n} item(s) the user rated</source>
            <translation>암묵 = 사용자가 평가한 아이템 {n}개에 대한 |N(u)|^-½ Σ y_j</translation>
        </message>
        <message>
            <source>prediction = mean + b_u + b_i + u·v averaged over {k} posterior samples = {mean:.3f} {b_u:+.3f} {b_i:+.3f} {dot:+.3f} = {total:.3f}</source>
            <translation>예측 = 평균 + b_u + b_i + 사후 샘플 {k}개에 대해 평균한 u·v = {mean:.3f} {b_u:+.3f} {b_i:+.3f} {dot:+.3f} = {total:.3f}</translation>
        </message>
        <message>
            <source>the samples' predictions: {low:.2f} to {high:.2f} (middle 90 %), sd {sd:.2f}: how sure the model is</source>
            <translation>샘플들의 예측: {low:.2f}에서 {high:.2f} (가운데 90%), 표준편차 {sd:.2f}: 모델이 얼마나 확신하는지</translation>
        </message>
        <message>
            <source>prediction = offset + Σ weight × part = {offset:+.3f} {terms} = {total:.3f}</source>
            <translation>예측 = 오프셋 + Σ 가중치 × 부분 = {offset:+.3f} {terms} = {total:.3f}</translation>
        </message>
        <message>
            <source>{weight:+.3f} × {value:.3f} ({part})</source>
            <translation>{weight:+.3f} × {value:.3f} ({part})</translation>
        </message>
        <message>
            <source>{part}: {line}</source>
            <translation>{part}: {line}</translation>
        </message>
        <message>
            <source>{user} → {item}: predicted {prediction:.2f}</source>
            <translation>{user} → {item}: 예측 {prediction:.2f}</translation>
        </message>
        <message>
            <source>{user} → {item}: predicted {prediction:.2f} (rated {known:g})</source>
            <translation>{user} → {item}: 예측 {prediction:.2f} (평점 {known:g})</translation>
        </message>
        <message>
            <source>users with similar embeddings and their rating of {item}: {rows}</source>
            <translation>임베딩이 비슷한 사용자와 그들의 {item} 평점: {rows}</translation>
        </message>
        <message>
            <source>items with similar embeddings and {user}'s rating of them: {rows}</source>
            <translation>임베딩이 비슷한 아이템과 {user}의 평점: {rows}</translation>
        </message>
        <message>
            <source>{label} (rated {rating:g})</source>
            <translation>{label} (평점 {rating:g})</translation>
        </message>
        <message>
            <source>{label} (not rated)</source>
            <translation>{label} (평가 안 함)</translation>
        </message>
        <message>
            <source>none</source>
            <translation>없음</translation>
        </message>
        <message>
            <source>cold start: no training rating for this user or item, so the prediction comes from biases only</source>
            <translation>콜드 스타트: 이 사용자나 아이템에 학습 평점이 없어 예측은 편향만으로 계산됩니다</translation>
        </message>
    </context>
    <context>
        <name>ExportDialog</name>
        <message>
            <source>Export completed ratings</source>
            <translation>완성된 평점 내보내기</translation>
        </message>
        <message>
            <source>Predictions are rounded to this many decimals; known ratings are written unchanged</source>
            <translation>예측은 이 소수 자릿수로 반올림하고, 알려진 평점은 그대로 씁니다</translation>
        </message>
        <message>
            <source>For Excel (UTF-8 with BOM, so Korean labels open correctly)</source>
            <translation>Excel용(BOM이 있는 UTF-8, 한글 이름이 제대로 열림)</translation>
        </message>
        <message>
            <source>Wide: one row per user, like the input</source>
            <translation>넓은 형식: 사용자마다 한 행, 입력과 같음</translation>
        </message>
        <message>
            <source>Long: user, item, rating, is_predicted</source>
            <translation>긴 형식: user, item, rating, is_predicted</translation>
        </message>
        <message>
            <source>Item labels: titles instead of ids</source>
            <translation>아이템 이름: ID 대신 제목</translation>
        </message>
        <message>
            <source>Write the loaded titles as the item labels (a title shared by two items gets its id appended)</source>
            <translation>불러온 제목을 아이템 이름으로 씁니다(두 아이템이 같은 제목이면 ID를 덧붙임)</translation>
        </message>
        <message>
            <source>Load item names first (File › Load item names…)</source>
            <translation>먼저 아이템 이름을 불러오세요(파일 › 아이템 이름 불러오기…)</translation>
        </message>
        <message>
            <source>Decimals of predictions:</source>
            <translation>예측의 소수 자릿수:</translation>
        </message>
        <message>
            <source>Layout:</source>
            <translation>형식:</translation>
        </message>
        <message>
            <source>Predictions are stale</source>
            <translation>예측이 오래되었습니다</translation>
        </message>
        <message>
            <source>The ratings changed since the model was trained. Export these predictions anyway?
(Retrain with F5 for predictions from the current ratings.)</source>
            <translation>모델을 훈련한 뒤 평점이 바뀌었습니다. 그래도 이 예측을 내보낼까요?
(현재 평점으로 예측하려면 F5로 다시 훈련하세요.)</translation>
        </message>
        <message>
            <source>Predictions are not trustworthy</source>
            <translation>예측을 믿을 수 없습니다</translation>
        </message>
        <message>
            <source>This model does worse than predicting every rating with the mean. Export its predictions anyway?</source>
            <translation>이 모델은 모든 평점을 평균으로 예측하는 것보다 못합니다. 그래도 예측을 내보낼까요?</translation>
        </message>
        <message>
            <source>CSV files (*.csv)</source>
            <translation>CSV 파일 (*.csv)</translation>
        </message>
        <message>
            <source>Excel workbook, predicted cells styled (*.xlsx)</source>
            <translation>Excel 통합 문서, 예측 칸 서식 구분 (*.xlsx)</translation>
        </message>
        <message>
            <source>The completed table is too large</source>
            <translation>완성된 표가 너무 큽니다</translation>
        </message>
        <message>
            <source>Export top-N recommendations…</source>
            <translation>상위 N 추천 내보내기…</translation>
        </message>
        <message>
            <source>Export predictions for chosen users…</source>
            <translation>선택한 사용자의 예측 내보내기…</translation>
        </message>
        <message>
            <source>name at least one user</source>
            <translation>사용자를 한 명 이상 적어 주세요</translation>
        </message>
        <message>
            <source>no user is called {0}</source>
            <translation>{0}(이)라는 사용자가 없습니다</translation>
        </message>
        <message>
            <source>train a model first (F5): the export fills missing cells with its predictions</source>
            <translation>먼저 모델을 훈련하세요(F5). 내보내기는 빈 칸을 모델의 예측으로 채웁니다</translation>
        </message>
        <message>
            <source>Export predictions for chosen users</source>
            <translation>선택한 사용자의 예측 내보내기</translation>
        </message>
        <message>
            <source>Users (labels separated by commas); every item of each is written, {0} lines per user:</source>
            <translation>사용자(레이블을 쉼표로 구분); 각 사용자의 모든 항목을 씁니다. 사용자마다 {0}줄:</translation>
        </message>
        <message>
            <source>Cannot export</source>
            <translation>내보낼 수 없습니다</translation>
        </message>
        <message>
            <source>Exported {n} lines for {k} users to {name}</source>
            <translation>사용자 {k}명의 {n}줄을 {name}에 내보냈습니다</translation>
        </message>
        <message>
            <source>Choose a sheet</source>
            <extracomment>ask_sheet reads every sheet of a workbook up to this size to offer only those holding ratings.</extracomment>
            <translation>시트 선택</translation>
        </message>
        <message>
            <source>{name} has {n} sheets. Which one holds the ratings?</source>
            <translation>{name}에 시트가 {n}개 있습니다. 평점이 있는 시트는 어느 것인가요?</translation>
        </message>
        <message>
            <source>Export as Python script</source>
            <translation>Python 스크립트로 내보내기</translation>
        </message>
        <message>
            <source>A script can be exported for the lecture's models, MF and NN. Choose one of them in the training panel; this model has no script of its own.</source>
            <translation>스크립트는 강의의 모델인 MF와 NN만 내보낼 수 있습니다. 훈련 패널에서 둘 중 하나를 고르세요. 이 모델에는 스크립트가 없습니다.</translation>
        </message>
        <message>
            <source>The script reads the ratings from their file: save the ratings first (File › Save), then export the script.</source>
            <translation>스크립트는 평점을 파일에서 읽습니다. 먼저 평점을 저장한(파일 › 저장) 뒤 스크립트를 내보내세요.</translation>
        </message>
        <message>
            <source>Python files (*.py)</source>
            <translation>Python 파일 (*.py)</translation>
        </message>
        <message>
            <source>Cannot export the script</source>
            <translation>스크립트를 내보낼 수 없습니다</translation>
        </message>
    </context>
    <context>
        <name>FileOpener</name>
        <message>
            <source>Reading {0}…</source>
            <extracomment>The file was read: (RatingMatrix, path). The window shows it as the new document. Reading failed (path, message) — the open document stays. Cancel was pressed and the reading has stopped (path) — the open document stays.</extracomment>
            <translation>{0} 읽는 중…</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>취소</translation>
        </message>
        <message>
            <source>Opening a large file</source>
            <translation>큰 파일 여는 중</translation>
        </message>
        <message>
            <source>Stopping…</source>
            <translation>멈추는 중…</translation>
        </message>
    </context>
    <context>
        <name>GridView</name>
        <message>
            <source>Predictions are stale: ratings changed since this model was trained. Press F5 to retrain.</source>
            <extracomment>The legend's swatch for the ensemble's spread: trainer.SPREAD_COLOR blended into the predicted background.</extracomment>
            <translation>예측이 오래되었습니다: 이 모델을 훈련한 뒤 평점이 바뀌었습니다. 다시 훈련하려면 F5를 누르세요.</translation>
        </message>
        <message>
            <source>rating</source>
            <extracomment>For the status bar: the matrix's size and the predictions' state.</extracomment>
            <translation>평점</translation>
        </message>
        <message>
            <source>A known rating: plain text</source>
            <translation>알려진 평점: 보통 글씨</translation>
        </message>
        <message>
            <source>missing</source>
            <translation>빈 칸</translation>
        </message>
        <message>
            <source>A missing rating</source>
            <translation>빈 평점</translation>
        </message>
        <message>
            <source>predicted</source>
            <translation>예측</translation>
        </message>
        <message>
            <source>A prediction, not a rating</source>
            <translation>평점이 아닌 예측</translation>
        </message>
        <message>
            <source>stale prediction</source>
            <translation>오래된 예측</translation>
        </message>
        <message>
            <source>A prediction from before the latest edits</source>
            <translation>마지막 편집 전의 예측</translation>
        </message>
        <message>
            <source>ensemble spread</source>
            <translation>앙상블 편차</translation>
        </message>
        <message>
            <source>The darker a predicted cell, the more the ensemble's models disagree on it</source>
            <translation>예측 칸이 진할수록 앙상블의 모델들이 그 칸에서 더 크게 엇갈립니다</translation>
        </message>
        <message>
            <source>Double-click or type to edit · Delete clears · Ctrl+Z undoes</source>
            <translation>더블클릭하거나 입력해 편집 · Delete로 지우기 · Ctrl+Z로 되돌리기</translation>
        </message>
        <message>
            <source>Not trustworthy: {0}</source>
            <translation>믿을 수 없음: {0}</translation>
        </message>
        <message>
            <source>No predictions (F5 to train)</source>
            <translation>예측 없음(F5로 훈련)</translation>
        </message>
        <message>
            <source>Predictions stale</source>
            <translation>예측이 오래됨</translation>
        </message>
        <message>
            <source>Predictions shown in italics</source>
            <translation>예측은 기울임꼴로 표시</translation>
        </message>
        <message>
            <source>{name}: {u} users × {i} items, {n} ratings ({cells}). Cells are read as you scroll and predictions computed for the cells shown; at this size the grid is read-only and Export completed is replaced by the top-N export and the predictions for chosen users.</source>
            <translation>{name}: 사용자 {u}명 × 항목 {i}개, 평점 {n}개({cells}). 셀은 스크롤할 때 읽고 예측은 보이는 셀만 계산합니다. 이 크기에서는 표를 편집할 수 없고, 완성본 내보내기 대신 상위 N 추천과 선택한 사용자의 예측을 내보냅니다.</translation>
        </message>
        <message>
            <source>{name} is open read-only: another SoloRec window owns it. You can look and train; Save As writes your own copy.</source>
            <translation>{name}은(는) 읽기 전용으로 열렸습니다. 다른 SoloRec 창이 이 파일을 쓰고 있습니다. 보고 훈련할 수는 있으며, 다른 이름으로 저장하면 내 사본이 됩니다.</translation>
        </message>
        <message>
            <source>{u} users × {i} items · {k} ratings · {n} missing</source>
            <translation>사용자 {u}명 × 아이템 {i}개 · 평점 {k}개 · 빈 칸 {n}개</translation>
        </message>
        <message>
            <source>The selection is too large to copy</source>
            <translation>선택 영역이 너무 커서 복사할 수 없습니다</translation>
        </message>
        <message>
            <source>Copied {rows} × {cols} cells</source>
            <translation>{rows} × {cols} 칸을 복사했습니다</translation>
        </message>
        <message>
            <source>Select the cell where the paste should start</source>
            <translation>붙여넣기를 시작할 칸을 선택하세요</translation>
        </message>
        <message>
            <source>Paste refused, {0}; nothing was changed</source>
            <translation>붙여넣기 거부: {0}. 아무것도 바뀌지 않았습니다</translation>
        </message>
        <message>
            <source>Delete refused, {0}</source>
            <translation>삭제 거부: {0}</translation>
        </message>
        <message>
            <source>{0} ratings removed (Ctrl+Z to undo)</source>
            <translation>평점 {0}개를 지웠습니다(Ctrl+Z로 되돌리기)</translation>
        </message>
        <message>
            <source>1 rating removed (Ctrl+Z to undo)</source>
            <translation>평점 1개를 지웠습니다(Ctrl+Z로 되돌리기)</translation>
        </message>
        <message>
            <source>{n} columns are too many to fit one by one; drag a column border, or double-click it to fit that column</source>
            <translation>열이 {n}개라 하나씩 맞추기에는 너무 많습니다. 열 경계를 끌거나 더블클릭해 그 열을 맞추세요</translation>
        </message>
    </context>
    <context>
        <name>GuideDialog</name>
        <message>
            <source>Guide</source>
            <translation>안내서</translation>
        </message>
        <message>
            <source>1. The rating matrix</source>
            <translation>1. 평점 행렬</translation>
        </message>
        <message>
            <source>The lecture starts from a table: users in rows, items in columns, some ratings missing. The grid shows it; double-click or type to change a rating, Delete makes a cell missing. File › Open reads CSV files and workbooks (.xlsx, .ods).</source>
            <translation>강의는 표에서 시작합니다: 행은 사용자, 열은 아이템, 일부 평점은 비어 있습니다. 표가 이를 보여 줍니다. 더블클릭하거나 입력해 평점을 바꾸고, Delete로 칸을 비웁니다. 파일 › 열기는 CSV 파일과 통합 문서(.xlsx, .ods)를 읽습니다.</translation>
        </message>
        <message>
            <source>2. The model and its settings</source>
            <translation>2. 모델과 설정</translation>
        </message>
        <message>
            <source>Choose the model (MF, the lecture's matrix factorisation, or NN) and its settings: the embedding dimension, the epochs, the learning rate. Every model starts from the lecture's values.</source>
            <translation>모델(강의의 행렬 분해 MF 또는 NN)과 설정(임베딩 차원, 에폭, 학습률)을 고릅니다. 모든 모델은 강의의 값에서 시작합니다.</translation>
        </message>
        <message>
            <source>3. Training</source>
            <translation>3. 훈련</translation>
        </message>
        <message>
            <source>F5 trains: the loss (the mean squared error over the known ratings) falls epoch by epoch. Esc stops. Validation, in the panel, holds out some ratings to see whether the model generalises.</source>
            <translation>F5로 훈련합니다. 손실(알려진 평점에 대한 평균 제곱 오차)이 에폭마다 줄어듭니다. Esc로 멈춥니다. 패널의 검증은 일부 평점을 떼어 두고 모델이 일반화하는지 봅니다.</translation>
        </message>
        <message>
            <source>4. Predictions</source>
            <translation>4. 예측</translation>
        </message>
        <message>
            <source>The missing cells fill with predictions, in italics on a blue background. After an edit they turn stale (orange) until you train again.</source>
            <translation>빈 칸이 예측으로 채워지며, 파란 바탕에 기울임꼴로 표시됩니다. 편집하면 다시 훈련할 때까지 오래된 예측(주황)이 됩니다.</translation>
        </message>
        <message>
            <source>5. Evaluate, map, recommend</source>
            <translation>5. 평가, 지도, 추천</translation>
        </message>
        <message>
            <source>The tabs compare models with cross-validation, draw the embeddings as a map, and list recommendations per user.</source>
            <translation>탭에서 교차 검증으로 모델을 비교하고, 임베딩을 지도로 그리고, 사용자별 추천을 봅니다.</translation>
        </message>
        <message>
            <source>6. Export</source>
            <translation>6. 내보내기</translation>
        </message>
        <message>
            <source>File › Export completed… writes the ratings with the predictions (CSV, or an Excel workbook with the predicted cells styled); File › Export as Python script… writes the lecture's PyTorch code for the current model and settings.</source>
            <translation>파일 › 완성본 내보내기…는 평점과 예측을 씁니다(CSV, 또는 예측 칸 서식이 다른 Excel 통합 문서). 파일 › Python 스크립트로 내보내기…는 현재 모델과 설정에 맞는 강의의 PyTorch 코드를 씁니다.</translation>
        </message>
    </context>
    <context>
        <name>Help</name>
        <message>
            <source>Export image…</source>
            <translation>그림 내보내기…</translation>
        </message>
        <message>
            <source>Save this plot as a PNG picture or an SVG drawing</source>
            <translation>이 그래프를 PNG 그림이나 SVG 도면으로 저장</translation>
        </message>
        <message>
            <source>Export image</source>
            <translation>그림 내보내기</translation>
        </message>
        <message>
            <source>PNG image (*.png);;SVG drawing (*.svg)</source>
            <translation>PNG 그림 (*.png);;SVG 도면 (*.svg)</translation>
        </message>
    </context>
    <context>
        <name>Insight</name>
        <message>
            <source>Evaluate</source>
            <translation>평가</translation>
        </message>
        <message>
            <source>Embedding map</source>
            <translation>임베딩 지도</translation>
        </message>
        <message>
            <source>Recommend</source>
            <translation>추천</translation>
        </message>
        <message>
            <source>{0}'s scores (a ranker: they order items, they are not ratings); double-click a line to go to the cell</source>
            <translation>{0}의 점수(순위 모델: 아이템 순서를 정할 뿐 평점이 아님). 줄을 더블클릭하면 해당 칸으로 갑니다</translation>
        </message>
        <message>
            <source>{u} users and {i} items are too many points to draw: the map is off at this size</source>
            <translation>사용자 {u}명과 항목 {i}개는 그리기에 너무 많은 점입니다: 이 크기에서는 지도를 끕니다</translation>
        </message>
        <message>
            <source>The loaded model's rows and columns differ from the grid's: no map</source>
            <translation>불러온 모델의 행과 열이 표와 달라 지도를 그릴 수 없습니다</translation>
        </message>
        <message>
            <source>model 1 of the ensemble (seed {0})</source>
            <translation>앙상블의 1번 모델(시드 {0})</translation>
        </message>
        <message>
            <source>dim {0} projected with PCA</source>
            <translation>{0}차원을 PCA로 투영</translation>
        </message>
        <message>
            <source>This model has no embeddings (the baseline has only biases): nothing to map</source>
            <translation>이 모델에는 임베딩이 없습니다(기준 모델은 편향만 있음). 지도로 그릴 것이 없습니다</translation>
        </message>
        <message>
            <source>This model's embeddings cannot be drawn</source>
            <translation>이 모델의 임베딩은 그릴 수 없습니다</translation>
        </message>
        <message>
            <source>{a} {pa:.2f} vs {b} {pb:.2f} (|difference| {d:.2f}, each trained on all ratings with its own settings)</source>
            <translation>{a} {pa:.2f} 대 {b} {pb:.2f} (|차이| {d:.2f}, 각자 자기 설정으로 전체 평점에서 훈련)</translation>
        </message>
        <message>
            <source>Ensemble of {k} seeds: mean {m:.3f}, spread (sd) {s:.3f}</source>
            <translation>시드 {k}개의 앙상블: 평균 {m:.3f}, 편차(표준편차) {s:.3f}</translation>
        </message>
        <message>
            <source>Why (model 1, seed {0}):</source>
            <translation>이유(1번 모델, 시드 {0}):</translation>
        </message>
        <message>
            <source>Why:</source>
            <translation>이유:</translation>
        </message>
        <message>
            <source>A job is already running; press Esc to stop it</source>
            <translation>이미 작업이 실행 중입니다. 멈추려면 Esc를 누르세요</translation>
        </message>
        <message>
            <source>{0}: each run's training loss, one after another</source>
            <translation>{0}: 각 실행의 훈련 손실을 차례로</translation>
        </message>
        <message>
            <source>{0}…</source>
            <translation>{0}…</translation>
        </message>
        <message>
            <source>{0} running… (Esc stops it)</source>
            <translation>{0} 실행 중… (Esc로 멈춤)</translation>
        </message>
        <message>
            <source>Check the training settings</source>
            <translation>훈련 설정을 확인하세요</translation>
        </message>
        <message>
            <source>Cross-validation needs ratings</source>
            <translation>교차 검증에는 평점이 필요합니다</translation>
        </message>
        <message>
            <source>{0} ranks items for a user; it does not predict ratings, so held-out RMSE and MAE do not apply. Cross-validate a model that predicts ratings.</source>
            <translation>{0}은(는) 사용자에게 아이템 순위를 매기며 평점을 예측하지 않으므로 검증용 RMSE와 MAE가 해당되지 않습니다. 평점을 예측하는 모델을 교차 검증하세요.</translation>
        </message>
        <message>
            <source>Cross-validation</source>
            <translation>교차 검증</translation>
        </message>
        <message>
            <source>Cross-validation stopped: no result.</source>
            <translation>교차 검증을 멈췄습니다: 결과 없음.</translation>
        </message>
        <message>
            <source>Cross-validated {model} in {s:.1f} s: RMSE {r:.3f} ± {rsd:.3f}, MAE {m:.3f} ± {msd:.3f}</source>
            <translation>{model} 교차 검증 {s:.1f}초: RMSE {r:.3f} ± {rsd:.3f}, MAE {m:.3f} ± {msd:.3f}</translation>
        </message>
        <message>
            <source>no result</source>
            <translation>결과 없음</translation>
        </message>
        <message>
            <source>{0} failed: {1}</source>
            <translation>{0} 실패: {1}</translation>
        </message>
        <message>
            <source>Tick at least one model to compare</source>
            <translation>비교할 모델을 하나 이상 체크하세요</translation>
        </message>
        <message>
            <source>Comparison</source>
            <translation>비교</translation>
        </message>
        <message>
            <source>A comparison predicts every cell of the table with each model to show where they differ; at {0} that is not possible. Cross-validate one model at a time instead.</source>
            <translation>비교는 어디서 다른지 보여 주려고 모델마다 표의 모든 셀을 예측합니다. {0}에서는 불가능합니다. 대신 모델을 하나씩 교차 검증하세요.</translation>
        </message>
        <message>
            <source>Comparison stopped: no result.</source>
            <translation>비교를 멈췄습니다: 결과 없음.</translation>
        </message>
        <message>
            <source>Compared {0}</source>
            <translation>{0} 비교 완료</translation>
        </message>
        <message>
            <source>Pick two different models.</source>
            <translation>서로 다른 두 모델을 고르세요.</translation>
        </message>
        <message>
            <source>The grid changed size since the comparison; compare again.</source>
            <translation>비교 뒤에 표 크기가 바뀌었습니다. 다시 비교하세요.</translation>
        </message>
        <message>
            <source>Comparison: {model} ({summary}), trained on all ratings</source>
            <translation>비교: {model} ({summary}), 전체 평점으로 훈련</translation>
        </message>
        <message>
            <source>The grid shows {a}'s predictions from the comparison (trained on all ratings with its own settings) while the shading is on; untick it to see your trained model's again.</source>
            <translation>음영이 켜져 있는 동안 표에는 비교에서 나온 {a}의 예측(자기 설정으로 전체 평점에서 훈련)이 표시됩니다. 훈련한 모델의 예측을 다시 보려면 체크를 해제하세요.</translation>
        </message>
        <message>
            <source>{a} vs {b} on the {n} missing cells: mean |difference| {mean:.2f}, largest {top:.2f}. Darker purple = larger. The grid shows {a}'s predictions. Most different: {tops}</source>
            <translation>빈 칸 {n}개에서 {a} 대 {b}: 평균 |차이| {mean:.2f}, 최대 {top:.2f}. 보라색이 진할수록 차이가 큽니다. 표에는 {a}의 예측이 표시됩니다. 가장 다른 칸: {tops}</translation>
        </message>
        <message>
            <source>Export embeddings (vectors TSV)</source>
            <translation>임베딩 내보내기(벡터 TSV)</translation>
        </message>
        <message>
            <source>TSV files (*.tsv)</source>
            <translation>TSV 파일 (*.tsv)</translation>
        </message>
        <message>
            <source>No embeddings to export</source>
            <translation>내보낼 임베딩이 없습니다</translation>
        </message>
        <message>
            <source>Train a model first (F5).</source>
            <translation>먼저 모델을 훈련하세요(F5).</translation>
        </message>
        <message>
            <source>Cannot export the embeddings</source>
            <translation>임베딩을 내보낼 수 없습니다</translation>
        </message>
        <message>
            <source>Wrote {v} and {m}: load both at projector.tensorflow.org</source>
            <translation>{v}와 {m}을(를) 썼습니다. projector.tensorflow.org에서 둘 다 불러오세요</translation>
        </message>
    </context>
    <context>
        <name>ItemNames</name>
        <message>
            <source>Load &amp;item names…</source>
            <translation>아이템 이름 불러오기(&amp;I)…</translation>
        </message>
        <message>
            <source>Show movie titles (u.item, movies.csv) as column headers; ids stay in the tooltips</source>
            <translation>영화 제목(u.item, movies.csv)을 열 머리글로 표시합니다. ID는 도움말 풍선에 남습니다</translation>
        </message>
        <message>
            <source>Load item names</source>
            <translation>아이템 이름 불러오기</translation>
        </message>
        <message>
            <source>Cannot load item names</source>
            <translation>아이템 이름을 불러올 수 없습니다</translation>
        </message>
        <message>
            <source>{file} names {n} items, but none of them is an item of this grid (its items are ids like {sample}). The headers are unchanged.</source>
            <translation>{file}에 아이템 {n}개의 이름이 있지만 이 표의 아이템은 하나도 없습니다(표의 아이템은 {sample} 같은 ID). 머리글은 바뀌지 않았습니다.</translation>
        </message>
        <message>
            <source>Titles for {found} of {n} items from {file} (ids in the header tooltips)</source>
            <translation>{file}에서 아이템 {n}개 중 {found}개의 제목을 불러왔습니다(ID는 머리글 도움말에)</translation>
        </message>
        <message>
            <source>; {0} items keep their id</source>
            <translation>; 아이템 {0}개는 ID를 유지합니다</translation>
        </message>
    </context>
    <context>
        <name>Jobs</name>
        <message>
            <source>{model}: fold {run} of {runs}</source>
            <extracomment>Seconds between two embedding snapshots taken in the worker. users × items; None for a sparse table (its grid asks ``fit_result.model.predict_rows``). The engine's FitResult (model included); for an ensemble its first member's. Where each phase's epochs are in ``history`` (engine ``PhaseSpan``s; one for most models). The engine's plain statement when the model does worse than predicting the mean (else None). (RMSE, MAE, n) on the training ratings and on the held-out ones. Ensemble: standard deviation of the members' predictions per cell (None for one model). The embedding map's points of ``fit_result`` (engine ``embedding_points``), computed in the worker. Where the model came from when it was not trained here (a model file's name).</extracomment>
            <translation>{model}: {runs}개 중 {run}번째 폴드</translation>
        </message>
        <message>
            <source>{model}: on all ratings</source>
            <translation>{model}: 전체 평점으로</translation>
        </message>
        <message>
            <source>Training</source>
            <extracomment>Every QThread started here, for tests that fail when one is left running. The job kinds the window runs, with the words it uses for them.</extracomment>
            <translation>훈련</translation>
        </message>
        <message>
            <source>Validation</source>
            <translation>검증</translation>
        </message>
        <message>
            <source>Cross-validation</source>
            <translation>교차 검증</translation>
        </message>
        <message>
            <source>Comparison</source>
            <translation>비교</translation>
        </message>
        <message>
            <source>Ensemble</source>
            <translation>앙상블</translation>
        </message>
        <message>
            <source>Opening</source>
            <translation>열기</translation>
        </message>
        <message>
            <source>Export</source>
            <translation>내보내기</translation>
        </message>
    </context>
    <context>
        <name>Language</name>
        <message>
            <source>&amp;Language</source>
            <extracomment>Languages the window offers: code -&gt; name shown in View › Language (each in its own language).</extracomment>
            <translation>언어(&amp;L)</translation>
        </message>
        <message>
            <source>System language</source>
            <translation>시스템 언어</translation>
        </message>
        <message>
            <source>Language</source>
            <translation>언어</translation>
        </message>
        <message>
            <source>The language changes when SoloRec starts again (restart it to see {name}).</source>
            <translation>언어는 SoloRec을 다시 시작할 때 바뀝니다({name}(으)로 보려면 다시 시작하세요).</translation>
        </message>
        <message>
            <source>Takes effect after a restart</source>
            <translation>다시 시작한 뒤 적용됩니다</translation>
        </message>
    </context>
    <context>
        <name>LectureDock</name>
        <message>
            <source>Lecture</source>
            <translation>강의</translation>
        </message>
        <message>
            <source>&amp;Lecture</source>
            <translation>강의(&amp;L)</translation>
        </message>
        <message>
            <source>The lecture's steps, each run with SoloRec's engine</source>
            <translation>강의의 단계들, 각각 SoloRec 엔진으로 실행</translation>
        </message>
    </context>
    <context>
        <name>LecturePanel</name>
        <message>
            <source>Open solo.csv</source>
            <extracomment>A step's result is shown (the StepPage).</extracomment>
            <translation>solo.csv 열기</translation>
        </message>
        <message>
            <source>Reload texts</source>
            <translation>글 다시 읽기</translation>
        </message>
        <message>
            <source>Read the lecture's text file again (after editing it)</source>
            <translation>강의 글 파일을 다시 읽습니다(편집한 뒤)</translation>
        </message>
        <message>
            <source>The lecture's text file cannot be used: {0}
The steps can still be run; their texts are missing until the file is fixed.</source>
            <translation>강의 글 파일을 쓸 수 없습니다: {0}
단계는 실행할 수 있지만 파일을 고칠 때까지 설명 글이 없습니다.</translation>
        </message>
        <message>
            <source>The lecture trains on solo.csv, and the open document ({name}) is not solo.csv as bundled. Runs use the bundled solo.csv and show their results here only; your document is not changed. Open solo.csv to see each step's model in the grid, the Loss tab and the embedding map.</source>
            <translation>강의는 solo.csv로 훈련하는데, 열려 있는 문서({name})는 함께 제공된 solo.csv가 아닙니다. 실행은 제공된 solo.csv를 쓰고 결과는 여기에만 표시하며, 내 문서는 바뀌지 않습니다. 각 단계의 모델을 표, 손실 탭, 임베딩 지도에서 보려면 solo.csv를 여세요.</translation>
        </message>
        <message>
            <source>Discarded: another file was opened while the step ran.</source>
            <translation>폐기됨: 단계가 실행되는 동안 다른 파일이 열렸습니다.</translation>
        </message>
        <message>
            <source>opening the lecture's solo.csv</source>
            <translation>강의의 solo.csv 열기</translation>
        </message>
        <message>
            <source>A job is already running; press Esc to stop it</source>
            <translation>이미 작업이 실행 중입니다. 멈추려면 Esc를 누르세요</translation>
        </message>
        <message>
            <source>A job is already running; press Esc to stop it, then run the step again.</source>
            <translation>이미 작업이 실행 중입니다. Esc로 멈춘 뒤 단계를 다시 실행하세요.</translation>
        </message>
        <message>
            <source>Lecture step {n}: {check}</source>
            <translation>강의 {n}단계: {check}</translation>
        </message>
        <message>
            <source>matches the lecture</source>
            <translation>강의와 일치</translation>
        </message>
        <message>
            <source>differs from the lecture</source>
            <translation>강의와 다름</translation>
        </message>
        <message>
            <source>done</source>
            <translation>완료</translation>
        </message>
        <message>
            <source>Stopped: nothing was applied.</source>
            <translation>멈춤: 아무것도 적용하지 않았습니다.</translation>
        </message>
        <message>
            <source>nothing was applied</source>
            <translation>아무것도 적용하지 않았습니다</translation>
        </message>
        <message>
            <source>Failed: {0}</source>
            <translation>실패: {0}</translation>
        </message>
    </context>
    <context>
        <name>LiveUpdate</name>
        <message>
            <source>&amp;Live what-if</source>
            <extracomment>The refresh jobs' threads (see :meth:`LiveUpdate._schedule`). The trained model (never changed: the worker folds into a deep copy). Rows to fold in (positions) and the state they get (1 folded in, 2 refreshed). Columns added after training (positions): folded in as new items. When the oldest change waiting was made (perf_counter), for the latency figure. len(rows) × n_items: the folded-in users' predictions. n_users × len(cols): the new items' predictions for the other rows (NaN for ``rows``). Its own controller: a refresh never blocks F5 or shows in the training panel. Seconds from the oldest waiting change to its refreshed cells, for the last refresh.</extracomment>
            <translation>실시간 가정 분석(&amp;L)</translation>
        </message>
        <message>
            <source>After training, an edited row's predictions are refreshed at once in the background (fold-in); off: edits make the predictions stale until F5</source>
            <translation>훈련 뒤, 편집한 행의 예측을 백그라운드에서 바로 새로 고칩니다(폴드인). 끄면 F5 전까지 편집이 예측을 오래된 것으로 만듭니다</translation>
        </message>
    </context>
    <context>
        <name>LossPlot</name>
        <message>
            <source>epoch</source>
            <translation>에폭</translation>
        </message>
        <message>
            <source>training loss (MSE)</source>
            <translation>훈련 손실(MSE)</translation>
        </message>
        <message>
            <source>Log scale</source>
            <translation>로그 눈금</translation>
        </message>
        <message>
            <source>training loss</source>
            <translation>훈련 손실</translation>
        </message>
        <message>
            <source>epoch {epoch}{phase}: loss {loss:.5g}</source>
            <translation>에폭 {epoch}{phase}: 손실 {loss:.5g}</translation>
        </message>
        <message>
            <source>training loss: {0}</source>
            <translation>훈련 손실: {0}</translation>
        </message>
        <message>
            <source>→ {0}</source>
            <translation>→ {0}</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>Loss</source>
            <extracomment>A file read in a job (a large one) has been opened (True) or not (False: cancelled or failed; why).</extracomment>
            <translation>손실</translation>
        </message>
        <message>
            <source>&amp;Open…</source>
            <translation>열기(&amp;O)…</translation>
        </message>
        <message>
            <source>Open a wide or long rating CSV</source>
            <translation>넓은 형식 또는 긴 형식의 평점 CSV 열기</translation>
        </message>
        <message>
            <source>&amp;Save</source>
            <translation>저장(&amp;S)</translation>
        </message>
        <message>
            <source>Save the ratings (without predictions)</source>
            <translation>평점 저장(예측 제외)</translation>
        </message>
        <message>
            <source>Save &amp;As…</source>
            <translation>다른 이름으로 저장(&amp;A)…</translation>
        </message>
        <message>
            <source>Export as &amp;Python script…</source>
            <translation>Python 스크립트로 내보내기(&amp;P)…</translation>
        </message>
        <message>
            <source>The lecture's PyTorch code for the current model and settings</source>
            <translation>현재 모델과 설정에 맞는 강의의 PyTorch 코드</translation>
        </message>
        <message>
            <source>&amp;Keyboard shortcuts</source>
            <translation>단축키(&amp;K)</translation>
        </message>
        <message>
            <source>&amp;Guide</source>
            <translation>안내서(&amp;G)</translation>
        </message>
        <message>
            <source>The lecture's steps in the window</source>
            <translation>창에서 보는 강의의 단계</translation>
        </message>
        <message>
            <source>&amp;Export completed…</source>
            <translation>완성본 내보내기(&amp;E)…</translation>
        </message>
        <message>
            <source>Ratings with predictions in the missing cells</source>
            <translation>빈 칸을 예측으로 채운 평점</translation>
        </message>
        <message>
            <source>Export predictions for &amp;chosen users…</source>
            <translation>선택한 사용자의 예측 내보내기(&amp;C)…</translation>
        </message>
        <message>
            <source>Every item of the users you name, as user,item,rating,is_predicted lines (any table size)</source>
            <translation>지정한 사용자의 모든 항목을 user,item,rating,is_predicted 줄로 씁니다(표 크기와 무관)</translation>
        </message>
        <message>
            <source>&amp;Quit</source>
            <translation>끝내기(&amp;Q)</translation>
        </message>
        <message>
            <source>&amp;Undo</source>
            <translation>실행 취소(&amp;U)</translation>
        </message>
        <message>
            <source>&amp;Redo</source>
            <translation>다시 실행(&amp;R)</translation>
        </message>
        <message>
            <source>&amp;Copy</source>
            <translation>복사(&amp;C)</translation>
        </message>
        <message>
            <source>Copy the selected ratings as tab-separated text</source>
            <translation>선택한 평점을 탭으로 구분한 텍스트로 복사</translation>
        </message>
        <message>
            <source>&amp;Paste</source>
            <translation>붙여넣기(&amp;P)</translation>
        </message>
        <message>
            <source>Paste tab-separated ratings</source>
            <translation>탭으로 구분한 평점 붙여넣기</translation>
        </message>
        <message>
            <source>&amp;Delete (make missing)</source>
            <translation>삭제(&amp;D)(빈 칸으로)</translation>
        </message>
        <message>
            <source>&amp;Train</source>
            <translation>훈련(&amp;T)</translation>
        </message>
        <message>
            <source>Train the model on the current ratings</source>
            <translation>현재 평점으로 모델 훈련</translation>
        </message>
        <message>
            <source>&amp;Stop</source>
            <translation>멈춤(&amp;S)</translation>
        </message>
        <message>
            <source>Stop the running job</source>
            <translation>실행 중인 작업 멈추기</translation>
        </message>
        <message>
            <source>&amp;Heat map</source>
            <translation>히트맵(&amp;H)</translation>
        </message>
        <message>
            <source>&amp;Log-scale loss</source>
            <translation>손실 로그 눈금(&amp;L)</translation>
        </message>
        <message>
            <source>&amp;Fit columns to labels</source>
            <translation>열 너비를 이름에 맞추기(&amp;F)</translation>
        </message>
        <message>
            <source>&amp;About SoloRec</source>
            <translation>SoloRec 정보(&amp;A)</translation>
        </message>
        <message>
            <source>&amp;File</source>
            <translation>파일(&amp;F)</translation>
        </message>
        <message>
            <source>Open &amp;Recent</source>
            <translation>최근 파일(&amp;R)</translation>
        </message>
        <message>
            <source>&amp;Edit</source>
            <translation>편집(&amp;E)</translation>
        </message>
        <message>
            <source>&amp;View</source>
            <translation>보기(&amp;V)</translation>
        </message>
        <message>
            <source>&amp;Training</source>
            <translation>훈련(&amp;T)</translation>
        </message>
        <message>
            <source>&amp;Help</source>
            <translation>도움말(&amp;H)</translation>
        </message>
        <message>
            <source>A file is already being read; cancel it first</source>
            <translation>이미 파일을 읽고 있습니다; 먼저 취소하세요</translation>
        </message>
        <message>
            <source>Cannot open the file</source>
            <translation>파일을 열 수 없습니다</translation>
        </message>
        <message>
            <source>Opening {new} was cancelled; {name} stays open</source>
            <translation>{new} 열기를 취소했습니다; {name}은(는) 그대로 열려 있습니다</translation>
        </message>
        <message>
            <source>The job of the previous file was discarded</source>
            <translation>이전 파일의 작업을 폐기했습니다</translation>
        </message>
        <message>
            <source>Opened {name}: {u} users × {i} items, {n} ratings ({fmt} layout, {enc})</source>
            <translation>{name} 열림: 사용자 {u}명 × 아이템 {i}개, 평점 {n}개({fmt} 형식, {enc})</translation>
        </message>
        <message>
            <source>; read-only at this size</source>
            <translation>; 이 크기에서는 읽기 전용</translation>
        </message>
        <message>
            <source>Large matrix: the training panel now shows the large-data recipe</source>
            <translation>큰 행렬: 훈련 패널에 대규모 데이터용 설정이 표시됩니다</translation>
        </message>
        <message>
            <source>Cannot save</source>
            <translation>저장할 수 없습니다</translation>
        </message>
        <message>
            <source>Saved {0}</source>
            <translation>{0} 저장됨</translation>
        </message>
        <message>
            <source>Save ratings as wide CSV</source>
            <translation>평점을 넓은 형식 CSV로 저장</translation>
        </message>
        <message>
            <source>CSV files (*.csv)</source>
            <translation>CSV 파일 (*.csv)</translation>
        </message>
        <message>
            <source>Nothing to export yet</source>
            <translation>아직 내보낼 것이 없습니다</translation>
        </message>
        <message>
            <source>Train a model first (F5): the export fills missing cells with its predictions.</source>
            <translation>먼저 모델을 훈련하세요(F5). 내보내기는 빈 칸을 모델의 예측으로 채웁니다.</translation>
        </message>
        <message>
            <source>Cannot export</source>
            <translation>내보낼 수 없습니다</translation>
        </message>
        <message>
            <source>Exported {name}: {n} predicted cells, {d} decimals</source>
            <translation>{name} 내보냄: 예측 칸 {n}개, 소수 {d}자리</translation>
        </message>
        <message>
            <source>, with BOM for Excel</source>
            <translation>, Excel용 BOM 포함</translation>
        </message>
        <message>
            <source>opening another file</source>
            <translation>다른 파일을 열기</translation>
        </message>
        <message>
            <source>Open ratings (wide or long CSV)</source>
            <translation>평점 열기(넓은 형식 또는 긴 형식 CSV)</translation>
        </message>
        <message>
            <source>{0} no longer exists; it was removed from the recent files.</source>
            <translation>{0}이(가) 더 이상 없어 최근 파일에서 뺐습니다.</translation>
        </message>
        <message>
            <source> [read-only]</source>
            <translation> [읽기 전용]</translation>
        </message>
        <message>
            <source>closing</source>
            <translation>닫기</translation>
        </message>
        <message>
            <source>Stopping the running job…</source>
            <translation>실행 중인 작업을 멈추는 중…</translation>
        </message>
    </context>
    <context>
        <name>Messages</name>
        <message>
            <source>The file is open in another window</source>
            <translation>파일이 다른 창에서 열려 있습니다</translation>
        </message>
        <message>
            <source>{name} is open in {owner}, which may save it. Open it read-only (look and train, no edits), or as an untitled copy you can edit and save elsewhere?</source>
            <translation>{name}은(는) {owner}에서 열려 있고 그쪽에서 저장할 수 있습니다. 읽기 전용(보기와 훈련만, 편집 불가)으로 열까요, 아니면 편집해서 다른 곳에 저장할 수 있는 제목 없는 사본으로 열까요?</translation>
        </message>
        <message>
            <source>Open read-only</source>
            <translation>읽기 전용으로 열기</translation>
        </message>
        <message>
            <source>Open a copy</source>
            <translation>사본 열기</translation>
        </message>
        <message>
            <source>Unsaved edits</source>
            <translation>저장하지 않은 편집</translation>
        </message>
        <message>
            <source>{name} has unsaved edits. Save them before {reason}?</source>
            <translation>{name}에 저장하지 않은 편집이 있습니다. {reason} 전에 저장할까요?</translation>
        </message>
        <message>
            <source>About SoloRec</source>
            <translation>SoloRec 정보</translation>
        </message>
        <message>
            <source>&lt;p&gt;Completes a rating matrix (users × items, some cells missing) with embedding-based recommenders trained in PyTorch, as in the deep-learning lecture.&lt;/p&gt;</source>
            <translation>&lt;p&gt;임베딩 기반 추천 모델을 PyTorch로 훈련해 평점 행렬(사용자 × 아이템, 일부 칸이 빔)을 완성합니다. 딥러닝 강의에서처럼요.&lt;/p&gt;</translation>
        </message>
        <message>
            <source>&lt;p&gt;Known ratings are shown as they are; predicted cells are in &lt;i&gt;italics&lt;/i&gt; on a blue background. The loss is the mean squared error over the known ratings.&lt;/p&gt;</source>
            <translation>&lt;p&gt;알려진 평점은 그대로 표시하고, 예측한 칸은 파란 바탕에 &lt;i&gt;기울임꼴&lt;/i&gt;로 표시합니다. 손실은 알려진 평점에 대한 평균 제곱 오차입니다.&lt;/p&gt;</translation>
        </message>
        <message>
            <source>MF: matrix factorisation</source>
            <translation>MF: 행렬 분해</translation>
        </message>
        <message>
            <source>MF</source>
            <translation>MF</translation>
        </message>
        <message>
            <source>Matrix factorisation (the lecture's): σ(u·v + b_u + b_i) scaled to the rating range</source>
            <translation>행렬 분해(강의의 모델): σ(u·v + b_u + b_i)를 평점 범위로 조정</translation>
        </message>
        <message>
            <source>Epochs</source>
            <translation>에폭</translation>
        </message>
        <message>
            <source>Learning rate</source>
            <translation>학습률</translation>
        </message>
        <message>
            <source>Batch size</source>
            <translation>배치 크기</translation>
        </message>
        <message>
            <source>full batch</source>
            <translation>전체 배치</translation>
        </message>
        <message>
            <source>Seed</source>
            <translation>시드</translation>
        </message>
        <message>
            <source>Embedding dim</source>
            <translation>임베딩 차원</translation>
        </message>
        <message>
            <source>length of each user and item vector</source>
            <translation>사용자 벡터와 아이템 벡터의 길이</translation>
        </message>
        <message>
            <source>Weight decay</source>
            <translation>가중치 감쇠</translation>
        </message>
        <message>
            <source>Adam's L2 penalty</source>
            <translation>Adam의 L2 페널티</translation>
        </message>
        <message>
            <source>NN: neural recommender</source>
            <translation>NN: 신경망 추천 모델</translation>
        </message>
        <message>
            <source>NN</source>
            <translation>NN</translation>
        </message>
        <message>
            <source>Neural recommender (the lecture's): [u, v, b_u, b_i] → MLP → σ scaled to the rating range</source>
            <translation>신경망 추천 모델(강의의 모델): [u, v, b_u, b_i] → MLP → σ를 평점 범위로 조정</translation>
        </message>
        <message>
            <source>Hidden layers</source>
            <translation>은닉층</translation>
        </message>
        <message>
            <source>sizes of the MLP's hidden layers, e.g. 15,15</source>
            <translation>MLP 은닉층의 크기, 예: 15,15</translation>
        </message>
        <message>
            <source>Baseline: mean + biases</source>
            <translation>기준 모델: 평균 + 편향</translation>
        </message>
        <message>
            <source>Baseline</source>
            <translation>기준 모델</translation>
        </message>
        <message>
            <source>Baseline: mean rating + user bias + item bias (no embeddings)</source>
            <translation>기준 모델: 평균 평점 + 사용자 편향 + 아이템 편향(임베딩 없음)</translation>
        </message>
        <message>
            <source>MF for large data</source>
            <translation>대규모 데이터용 MF</translation>
        </message>
        <message>
            <source>MF for large data: mean + user/item biases + u·v, small init, L2 per mini-batch</source>
            <translation>대규모 데이터용 MF: 평균 + 사용자/아이템 편향 + u·v, 작은 초기값, 미니배치마다 L2</translation>
        </message>
        <message>
            <source>L2 on embeddings</source>
            <translation>임베딩 L2</translation>
        </message>
        <message>
            <source>weight of mean(|p_u|² + |q_i|²) over each mini-batch</source>
            <translation>미니배치마다 mean(|p_u|² + |q_i|²)에 곱하는 가중치</translation>
        </message>
        <message>
            <source>L2 on biases</source>
            <translation>편향 L2</translation>
        </message>
        <message>
            <source>weight of mean(b_u² + b_i²) over each mini-batch</source>
            <translation>미니배치마다 mean(b_u² + b_i²)에 곱하는 가중치</translation>
        </message>
        <message>
            <source>LR decay per epoch</source>
            <translation>에폭당 학습률 감소</translation>
        </message>
        <message>
            <source>the learning rate is multiplied by this after every epoch (1 = constant)</source>
            <translation>에폭이 끝날 때마다 학습률에 이 값을 곱합니다(1 = 일정)</translation>
        </message>
        <message>
            <source>SVD++ (large data)</source>
            <translation>SVD++ (대규모 데이터)</translation>
        </message>
        <message>
            <source>SVD++ (Koren 2008): mean + biases + q_i·(p_u + |N(u)|^-½ Σ y_j over the items u rated)</source>
            <translation>SVD++ (Koren 2008): 평균 + 편향 + q_i·(p_u + |N(u)|^-½ Σ u가 평가한 아이템의 y_j)</translation>
        </message>
        <message>
            <source>L2 on p and q</source>
            <translation>p와 q의 L2</translation>
        </message>
        <message>
            <source>L2 on implicit vectors</source>
            <translation>암묵 벡터의 L2</translation>
        </message>
        <message>
            <source>weight of mean(|y_i|²) over each mini-batch's items</source>
            <translation>미니배치 아이템마다 mean(|y_i|²)에 곱하는 가중치</translation>
        </message>
        <message>
            <source>I-AutoRec (large data)</source>
            <translation>I-AutoRec (대규모 데이터)</translation>
        </message>
        <message>
            <source>I-AutoRec: each item's ratings → σ(V·r) → W·h (an item-based autoencoder)</source>
            <translation>I-AutoRec: 각 아이템의 평점 → σ(V·r) → W·h (아이템 기반 오토인코더)</translation>
        </message>
        <message>
            <source>Batch size (items)</source>
            <translation>배치 크기(아이템)</translation>
        </message>
        <message>
            <source>all items</source>
            <translation>모든 아이템</translation>
        </message>
        <message>
            <source>Hidden units</source>
            <translation>은닉 유닛</translation>
        </message>
        <message>
            <source>L2 (λ)</source>
            <translation>L2 (λ)</translation>
        </message>
        <message>
            <source>λ on the encoder's and decoder's weights</source>
            <translation>인코더와 디코더 가중치에 주는 λ</translation>
        </message>
        <message>
            <source>MF + AutoRec blend (large data)</source>
            <translation>MF + AutoRec 혼합 (대규모 데이터)</translation>
        </message>
        <message>
            <source>Ensemble: mf-large and autorec trained in turn, predictions blended</source>
            <translation>앙상블: mf-large와 autorec을 차례로 훈련하고 예측을 섞습니다</translation>
        </message>
        <message>
            <source>MF part</source>
            <translation>MF 부분</translation>
        </message>
        <message>
            <source>AutoRec part</source>
            <translation>AutoRec 부분</translation>
        </message>
        <message>
            <source>Weight of MF</source>
            <translation>MF 가중치</translation>
        </message>
        <message>
            <source>the MF's share of the blended prediction (AutoRec gets the rest)</source>
            <translation>섞은 예측에서 MF가 차지하는 비율(나머지는 AutoRec)</translation>
        </message>
        <message>
            <source>EASE (top-N ranker)</source>
            <translation>EASE (상위 N 순위 모델)</translation>
        </message>
        <message>
            <source>EASE: closed-form item-item weights on the rated/liked pattern; ranks items, does not predict ratings</source>
            <translation>EASE: 평가함/좋아함 패턴에서 닫힌 형태로 구한 아이템-아이템 가중치. 아이템 순위를 매기며 평점은 예측하지 않습니다</translation>
        </message>
        <message>
            <source>λ (L2)</source>
            <translation>λ (L2)</translation>
        </message>
        <message>
            <source>ridge penalty on the item weights</source>
            <translation>아이템 가중치에 주는 릿지 페널티</translation>
        </message>
        <message>
            <source>Weight of 'liked'</source>
            <translation>'좋아함'의 가중치</translation>
        </message>
        <message>
            <source>input = (1 − w)·rated + w·liked (rating in the scale's top quarter: 4 on 1–5)</source>
            <translation>입력 = (1 − w)·평가함 + w·좋아함(평점이 척도의 상위 4분의 1: 1–5에서 4)</translation>
        </message>
        <message>
            <source>Popularity (top-N baseline)</source>
            <translation>인기도 (상위 N 기준 모델)</translation>
        </message>
        <message>
            <source>Popularity: items ranked by their number of ratings; the baseline for top-N lists</source>
            <translation>인기도: 평점 개수로 아이템 순위를 매깁니다. 상위 N 목록의 기준 모델입니다</translation>
        </message>
        <message>
            <source>User-based (U-AutoRec)</source>
            <translation>사용자 기반 (U-AutoRec)</translation>
        </message>
        <message>
            <source>each user's row of ratings is the input (default: each item's column)</source>
            <translation>각 사용자의 평점 행을 입력으로 사용 (기본: 각 아이템의 열)</translation>
        </message>
        <message>
            <source>Full-batch L-BFGS</source>
            <translation>전체 배치 L-BFGS</translation>
        </message>
        <message>
            <source>L-BFGS on the whole matrix instead of Adam: an epoch is 10 L-BFGS iterations; learning rate and batch size are not used</source>
            <translation>Adam 대신 행렬 전체에 L-BFGS: 에폭 하나가 L-BFGS 10회 반복이며, 학습률과 배치 크기는 쓰지 않음</translation>
        </message>
        <message>
            <source>bfloat16 products</source>
            <translation>bfloat16 행렬곱</translation>
        </message>
        <message>
            <source>train with bfloat16 matrix products when the CPU has them natively (AVX-512 BF16, AMX); ignored elsewhere</source>
            <translation>CPU가 bfloat16을 직접 지원하면(AVX-512 BF16, AMX) bfloat16 행렬곱으로 학습; 그 밖에서는 무시</translation>
        </message>
        <message>
            <source>SVD++ + AutoRec blend (large data)</source>
            <translation>SVD++ + AutoRec 블렌드 (대용량 데이터)</translation>
        </message>
        <message>
            <source>Stack: SVD++, item- and user-based AutoRec in turn, weights learned on a validation slice</source>
            <translation>스택: SVD++, 아이템 기반·사용자 기반 AutoRec을 차례로 학습, 가중치는 검증 조각에서 학습</translation>
        </message>
        <message>
            <source>SVD++ part</source>
            <translation>SVD++ 부분</translation>
        </message>
        <message>
            <source>I-AutoRec part</source>
            <translation>I-AutoRec 부분</translation>
        </message>
        <message>
            <source>U-AutoRec part</source>
            <translation>U-AutoRec 부분</translation>
        </message>
        <message>
            <source>Weight of SVD++</source>
            <translation>SVD++ 가중치</translation>
        </message>
        <message>
            <source>Weight of I-AutoRec</source>
            <translation>I-AutoRec 가중치</translation>
        </message>
        <message>
            <source>Weight of U-AutoRec</source>
            <translation>U-AutoRec 가중치</translation>
        </message>
        <message>
            <source>Offset</source>
            <translation>오프셋</translation>
        </message>
        <message>
            <source>added to the weighted sum (the weights need not sum to 1)</source>
            <translation>가중합에 더하는 값 (가중치의 합이 1일 필요는 없음)</translation>
        </message>
        <message>
            <source>Learn the weights on</source>
            <translation>가중치 학습용 비율</translation>
        </message>
        <message>
            <source>share of the training ratings held out to learn the weights and offset by least squares (the parts train on the rest); 0 = use the weights above</source>
            <translation>가중치와 오프셋을 최소제곱으로 학습하려고 떼어 두는 학습 평점의 비율 (부분 모델은 나머지로 학습); 0 = 위의 가중치 사용</translation>
        </message>
        <message>
            <source>SVD++ + AutoRec blend, weights learned on each file (large data)</source>
            <translation>SVD++ + AutoRec 블렌드, 파일마다 가중치 학습 (대용량 데이터)</translation>
        </message>
        <message>
            <source>The blend, its weights learned by least squares on 10 % of the training ratings</source>
            <translation>블렌드: 가중치를 학습 평점의 10 %에서 최소제곱으로 학습</translation>
        </message>
        <message>
            <source>Sparse gradients</source>
            <translation>희소 그래디언트</translation>
        </message>
        <message>
            <source>sparse embedding gradients scattered into a fused Adam: faster on very large tables (MovieLens-25M size), the same Adam</source>
            <translation>임베딩의 희소 그래디언트를 융합(fused) Adam에 흩어 넣습니다: 매우 큰 표(MovieLens-25M 크기)에서 더 빠르고, Adam은 같습니다</translation>
        </message>
        <message>
            <source>L2 once per user and item</source>
            <translation>사용자·항목마다 한 번 L2</translation>
        </message>
        <message>
            <source>λ of a Gaussian prior on each user's and item's vector, counted once per user and item instead of once per rating (0 = off: the L2 on embeddings above); popular items are then not shrunk harder than rare ones</source>
            <translation>각 사용자와 항목 벡터에 대한 가우스 사전분포의 λ로, 평점마다가 아니라 사용자·항목마다 한 번 셉니다(0 = 끔: 위의 임베딩 L2 사용); 그러면 인기 항목이 드문 항목보다 더 세게 줄어들지 않습니다</translation>
        </message>
        <message>
            <source>Early-stopping share</source>
            <translation>조기 종료용 비율</translation>
        </message>
        <message>
            <source>hold out this share of the training ratings and keep the epoch with the lowest error on them, stopping 2 epochs after it (0 = off)</source>
            <translation>학습 평점 중 이 비율을 떼어 두고 그 오차가 가장 낮은 에포크를 남기며, 그 뒤 2 에포크에서 멈춥니다(0 = 끔)</translation>
        </message>
        <message>
            <source>Bayesian MF (Gibbs sampling)</source>
            <translation>베이지안 MF (깁스 샘플링)</translation>
        </message>
        <message>
            <source>Bayesian MF (Salakhutdinov &amp; Mnih 2008): factors drawn by Gibbs sampling, predictions averaged</source>
            <translation>베이지안 MF (Salakhutdinov &amp; Mnih 2008): 깁스 샘플링으로 뽑은 인수들의 예측을 평균</translation>
        </message>
        <message>
            <source>Gibbs sweeps</source>
            <translation>깁스 스윕 수</translation>
        </message>
        <message>
            <source>each sweep draws every user's, then every item's vector and bias from its posterior given the others</source>
            <translation>스윕마다 모든 사용자의, 이어서 모든 아이템의 벡터와 편향을 나머지가 주어진 사후분포에서 뽑습니다</translation>
        </message>
        <message>
            <source>Burn-in sweeps</source>
            <translation>번인 스윕 수</translation>
        </message>
        <message>
            <source>sweeps before the samples start to count (the chain forgets its random start); with fewer sweeps than this, only the last one counts</source>
            <translation>샘플을 세기 시작하기 전의 스윕 수 (체인이 무작위 시작점을 잊도록); 스윕이 이보다 적으면 마지막 스윕만 셉니다</translation>
        </message>
        <message>
            <source>Keep every n-th sample</source>
            <translation>n번째 샘플마다 보관</translation>
        </message>
        <message>
            <source>after the burn-in, every n-th sweep's sample joins the average</source>
            <translation>번인 뒤 n번째 스윕마다 그 샘플을 평균에 넣습니다</translation>
        </message>
        <message>
            <source>Noise level per user</source>
            <translation>사용자별 잡음 수준</translation>
        </message>
        <message>
            <source>draw one noise precision per user (a user with noisy ratings pulls the items less); off: one for all ratings, as in the paper</source>
            <translation>사용자마다 잡음 정밀도를 하나씩 뽑습니다 (평점이 들쭉날쭉한 사용자는 아이템을 덜 끌어당김); 끄면 논문처럼 모든 평점에 하나</translation>
        </message>
        <message>
            <source>Bayesian MF + AutoRec blend (large data)</source>
            <translation>베이지안 MF + AutoRec 블렌드 (대규모 데이터)</translation>
        </message>
        <message>
            <source>Stack: Bayesian MF (Gibbs sampling), item- and user-based AutoRec, weights depending on the user's and the item's number of ratings</source>
            <translation>스택: 베이지안 MF (깁스 샘플링), 아이템 기반과 사용자 기반 AutoRec; 가중치는 사용자와 아이템의 평점 수에 따라 달라짐</translation>
        </message>
        <message>
            <source>Bayesian MF part</source>
            <translation>베이지안 MF 부분</translation>
        </message>
        <message>
            <source>share of the training ratings held out to learn the weights by least squares (the parts train on the rest); 0 = the weights learned on ml-100k u1.base</source>
            <translation>가중치를 최소제곱으로 학습하려고 떼어 두는 학습 평점의 비율 (부분 모델은 나머지로 학습); 0 = ml-100k u1.base에서 학습한 가중치</translation>
        </message>
        <message>
            <source>Bayesian MF + AutoRec blend, weights learned on each file (large data)</source>
            <translation>베이지안 MF + AutoRec 블렌드, 파일마다 가중치 학습 (대규모 데이터)</translation>
        </message>
        <message>
            <source>The Bayesian MF blend, its count-aware weights learned by least squares on 10 % of the ratings</source>
            <translation>베이지안 MF 블렌드: 평점 수를 반영한 가중치를 평점의 10%에서 최소제곱으로 학습</translation>
        </message>
        <message>
            <source>U-AutoRec (large data)</source>
            <translation>U-AutoRec (대규모 데이터)</translation>
        </message>
        <message>
            <source>Blend weights (least squares)</source>
            <translation>블렌드 가중치 (최소제곱)</translation>
        </message>
    </context>
    <context>
        <name>ModelFiles</name>
        <message>
            <source>Save &amp;model…</source>
            <translation>모델 저장(&amp;M)…</translation>
        </message>
        <message>
            <source>Save the trained model (weights, settings, labels, loss history) to one file</source>
            <translation>훈련한 모델(가중치, 설정, 이름, 손실 기록)을 파일 하나로 저장</translation>
        </message>
        <message>
            <source>&amp;Load model…</source>
            <translation>모델 불러오기(&amp;L)…</translation>
        </message>
        <message>
            <source>Predict the grid with a saved model, without retraining</source>
            <translation>저장한 모델로 다시 훈련하지 않고 표를 예측</translation>
        </message>
        <message>
            <source>Export &amp;long CSV…</source>
            <translation>긴 형식 CSV로 내보내기(&amp;L)…</translation>
        </message>
        <message>
            <source>Completed matrix as user,item,rating,is_predicted lines</source>
            <translation>완성된 행렬을 user,item,rating,is_predicted 줄로</translation>
        </message>
        <message>
            <source>Save model</source>
            <translation>모델 저장</translation>
        </message>
        <message>
            <source>Load model</source>
            <translation>모델 불러오기</translation>
        </message>
        <message>
            <source>Nothing to export yet</source>
            <translation>아직 내보낼 것이 없습니다</translation>
        </message>
        <message>
            <source>Train a model first (F5): the export fills missing cells with its predictions.</source>
            <translation>먼저 모델을 훈련하세요(F5). 내보내기는 빈 칸을 모델의 예측으로 채웁니다.</translation>
        </message>
        <message>
            <source>Export long CSV</source>
            <translation>긴 형식 CSV로 내보내기</translation>
        </message>
        <message>
            <source>CSV files (*.csv)</source>
            <translation>CSV 파일 (*.csv)</translation>
        </message>
        <message>
            <source>No model to save</source>
            <translation>저장할 모델이 없습니다</translation>
        </message>
        <message>
            <source>Train a model first (F5), then save it.</source>
            <translation>먼저 모델을 훈련한(F5) 뒤 저장하세요.</translation>
        </message>
        <message>
            <source>Cannot save an ensemble</source>
            <translation>앙상블은 저장할 수 없습니다</translation>
        </message>
        <message>
            <source>A model file holds one model, and the grid shows the mean of an ensemble. Switch the ensemble off and train again (F5) to save a model.</source>
            <translation>모델 파일에는 모델 하나가 들어가는데, 표에는 앙상블의 평균이 표시되어 있습니다. 앙상블을 끄고 다시 훈련(F5)한 뒤 모델을 저장하세요.</translation>
        </message>
        <message>
            <source>Cannot save the model</source>
            <translation>모델을 저장할 수 없습니다</translation>
        </message>
        <message>
            <source>Saved the model to {0}</source>
            <translation>모델을 {0}에 저장했습니다</translation>
        </message>
        <message>
            <source>Cannot load a model now</source>
            <translation>지금은 모델을 불러올 수 없습니다</translation>
        </message>
        <message>
            <source>A job is running; stop it (Esc) first.</source>
            <translation>작업이 실행 중입니다. 먼저 멈추세요(Esc).</translation>
        </message>
        <message>
            <source>at {0}, a model can predict this table only if it was trained on these very users and items, in the same order (matching other labels would need the full grid)</source>
            <translation>{0}에서는 바로 이 사용자와 항목으로, 같은 순서로 학습한 모델만 이 표를 예측할 수 있습니다(다른 레이블을 맞추려면 전체 표가 필요합니다)</translation>
        </message>
        <message>
            <source>Cannot load the model</source>
            <translation>모델을 불러올 수 없습니다</translation>
        </message>
        <message>
            <source>{0}

Nothing was changed.</source>
            <translation>{0}

아무것도 바뀌지 않았습니다.</translation>
        </message>
        <message>
            <source>Model: {name} ({summary}) loaded from {file} (not retrained here)</source>
            <translation>모델: {file}에서 불러온 {name} ({summary}) (여기서 다시 훈련하지 않음)</translation>
        </message>
        <message>
            <source>Loaded {file}: {name}, predictions without retraining</source>
            <translation>{file} 불러옴: {name}, 다시 훈련하지 않은 예측</translation>
        </message>
        <message>
            <source> (labels matched by name; the embedding map and explanations need the same rows and columns)</source>
            <translation> (이름으로 행과 열을 맞춤. 임베딩 지도와 설명에는 같은 행과 열이 필요합니다)</translation>
        </message>
    </context>
    <context>
        <name>ModelSettings</name>
        <message>
            <source>more than {0}</source>
            <translation>{0} 초과</translation>
        </message>
        <message>
            <source>at least {0}</source>
            <translation>{0} 이상</translation>
        </message>
        <message>
            <source>at most {0}</source>
            <translation>{0} 이하</translation>
        </message>
        <message>
            <source>0 = {0}</source>
            <translation>0 = {0}</translation>
        </message>
        <message>
            <source>none</source>
            <translation>없음</translation>
        </message>
        <message>
            <source>{label}: {text!r} must be whole numbers separated by commas, e.g. 15,15</source>
            <translation>{label}: {text!r}은(는) 쉼표로 구분한 정수여야 합니다. 예: 15,15</translation>
        </message>
        <message>
            <source>{label}: {text!r} is not a whole number</source>
            <translation>{label}: {text!r}은(는) 정수가 아닙니다</translation>
        </message>
        <message>
            <source>{label}: {text!r} is not a number</source>
            <translation>{label}: {text!r}은(는) 숫자가 아닙니다</translation>
        </message>
        <message>
            <source>{label} must be a finite number, not {text}</source>
            <translation>{label}은(는) 유한한 숫자여야 합니다. {text}은(는) 안 됩니다</translation>
        </message>
        <message>
            <source>Advanced</source>
            <extracomment>Any field was edited by the user.</extracomment>
            <translation>고급</translation>
        </message>
        <message>
            <source>MF: matrix factorisation</source>
            <translation>MF: 행렬 분해</translation>
        </message>
        <message>
            <source>MF</source>
            <translation>MF</translation>
        </message>
        <message>
            <source>Matrix factorisation (the lecture's): σ(u·v + b_u + b_i) scaled to the rating range</source>
            <translation>행렬 분해(강의의 모델): σ(u·v + b_u + b_i)를 평점 범위로 조정</translation>
        </message>
        <message>
            <source>Epochs</source>
            <translation>에폭</translation>
        </message>
        <message>
            <source>Learning rate</source>
            <translation>학습률</translation>
        </message>
        <message>
            <source>Batch size</source>
            <translation>배치 크기</translation>
        </message>
        <message>
            <source>full batch</source>
            <translation>전체 배치</translation>
        </message>
        <message>
            <source>Seed</source>
            <translation>시드</translation>
        </message>
        <message>
            <source>Embedding dim</source>
            <translation>임베딩 차원</translation>
        </message>
        <message>
            <source>length of each user and item vector</source>
            <translation>사용자 벡터와 아이템 벡터의 길이</translation>
        </message>
        <message>
            <source>Weight decay</source>
            <translation>가중치 감쇠</translation>
        </message>
        <message>
            <source>Adam's L2 penalty</source>
            <translation>Adam의 L2 페널티</translation>
        </message>
        <message>
            <source>NN: neural recommender</source>
            <translation>NN: 신경망 추천 모델</translation>
        </message>
        <message>
            <source>NN</source>
            <translation>NN</translation>
        </message>
        <message>
            <source>Neural recommender (the lecture's): [u, v, b_u, b_i] → MLP → σ scaled to the rating range</source>
            <translation>신경망 추천 모델(강의의 모델): [u, v, b_u, b_i] → MLP → σ를 평점 범위로 조정</translation>
        </message>
        <message>
            <source>Hidden layers</source>
            <translation>은닉층</translation>
        </message>
        <message>
            <source>sizes of the MLP's hidden layers, e.g. 15,15</source>
            <translation>MLP 은닉층의 크기, 예: 15,15</translation>
        </message>
        <message>
            <source>Baseline: mean + biases</source>
            <translation>기준 모델: 평균 + 편향</translation>
        </message>
        <message>
            <source>Baseline</source>
            <translation>기준 모델</translation>
        </message>
        <message>
            <source>Baseline: mean rating + user bias + item bias (no embeddings)</source>
            <translation>기준 모델: 평균 평점 + 사용자 편향 + 아이템 편향(임베딩 없음)</translation>
        </message>
        <message>
            <source>MF for large data</source>
            <translation>대규모 데이터용 MF</translation>
        </message>
        <message>
            <source>MF for large data: mean + user/item biases + u·v, small init, L2 per mini-batch</source>
            <translation>대규모 데이터용 MF: 평균 + 사용자/아이템 편향 + u·v, 작은 초기값, 미니배치마다 L2</translation>
        </message>
        <message>
            <source>L2 on embeddings</source>
            <translation>임베딩 L2</translation>
        </message>
        <message>
            <source>weight of mean(|p_u|² + |q_i|²) over each mini-batch</source>
            <translation>미니배치마다 mean(|p_u|² + |q_i|²)에 곱하는 가중치</translation>
        </message>
        <message>
            <source>L2 on biases</source>
            <translation>편향 L2</translation>
        </message>
        <message>
            <source>weight of mean(b_u² + b_i²) over each mini-batch</source>
            <translation>미니배치마다 mean(b_u² + b_i²)에 곱하는 가중치</translation>
        </message>
        <message>
            <source>LR decay per epoch</source>
            <translation>에폭당 학습률 감소</translation>
        </message>
        <message>
            <source>the learning rate is multiplied by this after every epoch (1 = constant)</source>
            <translation>에폭이 끝날 때마다 학습률에 이 값을 곱합니다(1 = 일정)</translation>
        </message>
        <message>
            <source>SVD++ (large data)</source>
            <translation>SVD++ (대규모 데이터)</translation>
        </message>
        <message>
            <source>SVD++ (Koren 2008): mean + biases + q_i·(p_u + |N(u)|^-½ Σ y_j over the items u rated)</source>
            <translation>SVD++ (Koren 2008): 평균 + 편향 + q_i·(p_u + |N(u)|^-½ Σ u가 평가한 아이템의 y_j)</translation>
        </message>
        <message>
            <source>L2 on p and q</source>
            <translation>p와 q의 L2</translation>
        </message>
        <message>
            <source>L2 on implicit vectors</source>
            <translation>암묵 벡터의 L2</translation>
        </message>
        <message>
            <source>weight of mean(|y_i|²) over each mini-batch's items</source>
            <translation>미니배치 아이템마다 mean(|y_i|²)에 곱하는 가중치</translation>
        </message>
        <message>
            <source>I-AutoRec (large data)</source>
            <translation>I-AutoRec (대규모 데이터)</translation>
        </message>
        <message>
            <source>I-AutoRec: each item's ratings → σ(V·r) → W·h (an item-based autoencoder)</source>
            <translation>I-AutoRec: 각 아이템의 평점 → σ(V·r) → W·h (아이템 기반 오토인코더)</translation>
        </message>
        <message>
            <source>Batch size (items)</source>
            <translation>배치 크기(아이템)</translation>
        </message>
        <message>
            <source>all items</source>
            <translation>모든 아이템</translation>
        </message>
        <message>
            <source>Hidden units</source>
            <translation>은닉 유닛</translation>
        </message>
        <message>
            <source>L2 (λ)</source>
            <translation>L2 (λ)</translation>
        </message>
        <message>
            <source>λ on the encoder's and decoder's weights</source>
            <translation>인코더와 디코더 가중치에 주는 λ</translation>
        </message>
        <message>
            <source>MF + AutoRec blend (large data)</source>
            <translation>MF + AutoRec 혼합 (대규모 데이터)</translation>
        </message>
        <message>
            <source>Ensemble: mf-large and autorec trained in turn, predictions blended</source>
            <translation>앙상블: mf-large와 autorec을 차례로 훈련하고 예측을 섞습니다</translation>
        </message>
        <message>
            <source>MF part</source>
            <translation>MF 부분</translation>
        </message>
        <message>
            <source>AutoRec part</source>
            <translation>AutoRec 부분</translation>
        </message>
        <message>
            <source>Weight of MF</source>
            <translation>MF 가중치</translation>
        </message>
        <message>
            <source>the MF's share of the blended prediction (AutoRec gets the rest)</source>
            <translation>섞은 예측에서 MF가 차지하는 비율(나머지는 AutoRec)</translation>
        </message>
        <message>
            <source>EASE (top-N ranker)</source>
            <translation>EASE (상위 N 순위 모델)</translation>
        </message>
        <message>
            <source>EASE: closed-form item-item weights on the rated/liked pattern; ranks items, does not predict ratings</source>
            <translation>EASE: 평가함/좋아함 패턴에서 닫힌 형태로 구한 아이템-아이템 가중치. 아이템 순위를 매기며 평점은 예측하지 않습니다</translation>
        </message>
        <message>
            <source>λ (L2)</source>
            <translation>λ (L2)</translation>
        </message>
        <message>
            <source>ridge penalty on the item weights</source>
            <translation>아이템 가중치에 주는 릿지 페널티</translation>
        </message>
        <message>
            <source>Weight of 'liked'</source>
            <translation>'좋아함'의 가중치</translation>
        </message>
        <message>
            <source>input = (1 − w)·rated + w·liked (rating in the scale's top quarter: 4 on 1–5)</source>
            <translation>입력 = (1 − w)·평가함 + w·좋아함(평점이 척도의 상위 4분의 1: 1–5에서 4)</translation>
        </message>
        <message>
            <source>Popularity (top-N baseline)</source>
            <translation>인기도 (상위 N 기준 모델)</translation>
        </message>
        <message>
            <source>Popularity: items ranked by their number of ratings; the baseline for top-N lists</source>
            <translation>인기도: 평점 개수로 아이템 순위를 매깁니다. 상위 N 목록의 기준 모델입니다</translation>
        </message>
        <message>
            <source>User-based (U-AutoRec)</source>
            <translation>사용자 기반 (U-AutoRec)</translation>
        </message>
        <message>
            <source>each user's row of ratings is the input (default: each item's column)</source>
            <translation>각 사용자의 평점 행을 입력으로 사용 (기본: 각 아이템의 열)</translation>
        </message>
        <message>
            <source>Full-batch L-BFGS</source>
            <translation>전체 배치 L-BFGS</translation>
        </message>
        <message>
            <source>L-BFGS on the whole matrix instead of Adam: an epoch is 10 L-BFGS iterations; learning rate and batch size are not used</source>
            <translation>Adam 대신 행렬 전체에 L-BFGS: 에폭 하나가 L-BFGS 10회 반복이며, 학습률과 배치 크기는 쓰지 않음</translation>
        </message>
        <message>
            <source>bfloat16 products</source>
            <translation>bfloat16 행렬곱</translation>
        </message>
        <message>
            <source>train with bfloat16 matrix products when the CPU has them natively (AVX-512 BF16, AMX); ignored elsewhere</source>
            <translation>CPU가 bfloat16을 직접 지원하면(AVX-512 BF16, AMX) bfloat16 행렬곱으로 학습; 그 밖에서는 무시</translation>
        </message>
        <message>
            <source>SVD++ + AutoRec blend (large data)</source>
            <translation>SVD++ + AutoRec 블렌드 (대용량 데이터)</translation>
        </message>
        <message>
            <source>Stack: SVD++, item- and user-based AutoRec in turn, weights learned on a validation slice</source>
            <translation>스택: SVD++, 아이템 기반·사용자 기반 AutoRec을 차례로 학습, 가중치는 검증 조각에서 학습</translation>
        </message>
        <message>
            <source>SVD++ part</source>
            <translation>SVD++ 부분</translation>
        </message>
        <message>
            <source>I-AutoRec part</source>
            <translation>I-AutoRec 부분</translation>
        </message>
        <message>
            <source>U-AutoRec part</source>
            <translation>U-AutoRec 부분</translation>
        </message>
        <message>
            <source>Weight of SVD++</source>
            <translation>SVD++ 가중치</translation>
        </message>
        <message>
            <source>Weight of I-AutoRec</source>
            <translation>I-AutoRec 가중치</translation>
        </message>
        <message>
            <source>Weight of U-AutoRec</source>
            <translation>U-AutoRec 가중치</translation>
        </message>
        <message>
            <source>Offset</source>
            <translation>오프셋</translation>
        </message>
        <message>
            <source>added to the weighted sum (the weights need not sum to 1)</source>
            <translation>가중합에 더하는 값 (가중치의 합이 1일 필요는 없음)</translation>
        </message>
        <message>
            <source>Learn the weights on</source>
            <translation>가중치 학습용 비율</translation>
        </message>
        <message>
            <source>share of the training ratings held out to learn the weights and offset by least squares (the parts train on the rest); 0 = use the weights above</source>
            <translation>가중치와 오프셋을 최소제곱으로 학습하려고 떼어 두는 학습 평점의 비율 (부분 모델은 나머지로 학습); 0 = 위의 가중치 사용</translation>
        </message>
        <message>
            <source>SVD++ + AutoRec blend, weights learned on each file (large data)</source>
            <translation>SVD++ + AutoRec 블렌드, 파일마다 가중치 학습 (대용량 데이터)</translation>
        </message>
        <message>
            <source>The blend, its weights learned by least squares on 10 % of the training ratings</source>
            <translation>블렌드: 가중치를 학습 평점의 10 %에서 최소제곱으로 학습</translation>
        </message>
        <message>
            <source>Sparse gradients</source>
            <translation>희소 그래디언트</translation>
        </message>
        <message>
            <source>sparse embedding gradients scattered into a fused Adam: faster on very large tables (MovieLens-25M size), the same Adam</source>
            <translation>임베딩의 희소 그래디언트를 융합(fused) Adam에 흩어 넣습니다: 매우 큰 표(MovieLens-25M 크기)에서 더 빠르고, Adam은 같습니다</translation>
        </message>
        <message>
            <source>L2 once per user and item</source>
            <translation>사용자·항목마다 한 번 L2</translation>
        </message>
        <message>
            <source>λ of a Gaussian prior on each user's and item's vector, counted once per user and item instead of once per rating (0 = off: the L2 on embeddings above); popular items are then not shrunk harder than rare ones</source>
            <translation>각 사용자와 항목 벡터에 대한 가우스 사전분포의 λ로, 평점마다가 아니라 사용자·항목마다 한 번 셉니다(0 = 끔: 위의 임베딩 L2 사용); 그러면 인기 항목이 드문 항목보다 더 세게 줄어들지 않습니다</translation>
        </message>
        <message>
            <source>Early-stopping share</source>
            <translation>조기 종료용 비율</translation>
        </message>
        <message>
            <source>hold out this share of the training ratings and keep the epoch with the lowest error on them, stopping 2 epochs after it (0 = off)</source>
            <translation>학습 평점 중 이 비율을 떼어 두고 그 오차가 가장 낮은 에포크를 남기며, 그 뒤 2 에포크에서 멈춥니다(0 = 끔)</translation>
        </message>
        <message>
            <source>Bayesian MF (Gibbs sampling)</source>
            <translation>베이지안 MF (깁스 샘플링)</translation>
        </message>
        <message>
            <source>Bayesian MF (Salakhutdinov &amp; Mnih 2008): factors drawn by Gibbs sampling, predictions averaged</source>
            <translation>베이지안 MF (Salakhutdinov &amp; Mnih 2008): 깁스 샘플링으로 뽑은 인수들의 예측을 평균</translation>
        </message>
        <message>
            <source>Gibbs sweeps</source>
            <translation>깁스 스윕 수</translation>
        </message>
        <message>
            <source>each sweep draws every user's, then every item's vector and bias from its posterior given the others</source>
            <translation>스윕마다 모든 사용자의, 이어서 모든 아이템의 벡터와 편향을 나머지가 주어진 사후분포에서 뽑습니다</translation>
        </message>
        <message>
            <source>Burn-in sweeps</source>
            <translation>번인 스윕 수</translation>
        </message>
        <message>
            <source>sweeps before the samples start to count (the chain forgets its random start); with fewer sweeps than this, only the last one counts</source>
            <translation>샘플을 세기 시작하기 전의 스윕 수 (체인이 무작위 시작점을 잊도록); 스윕이 이보다 적으면 마지막 스윕만 셉니다</translation>
        </message>
        <message>
            <source>Keep every n-th sample</source>
            <translation>n번째 샘플마다 보관</translation>
        </message>
        <message>
            <source>after the burn-in, every n-th sweep's sample joins the average</source>
            <translation>번인 뒤 n번째 스윕마다 그 샘플을 평균에 넣습니다</translation>
        </message>
        <message>
            <source>Noise level per user</source>
            <translation>사용자별 잡음 수준</translation>
        </message>
        <message>
            <source>draw one noise precision per user (a user with noisy ratings pulls the items less); off: one for all ratings, as in the paper</source>
            <translation>사용자마다 잡음 정밀도를 하나씩 뽑습니다 (평점이 들쭉날쭉한 사용자는 아이템을 덜 끌어당김); 끄면 논문처럼 모든 평점에 하나</translation>
        </message>
        <message>
            <source>Bayesian MF + AutoRec blend (large data)</source>
            <translation>베이지안 MF + AutoRec 블렌드 (대규모 데이터)</translation>
        </message>
        <message>
            <source>Stack: Bayesian MF (Gibbs sampling), item- and user-based AutoRec, weights depending on the user's and the item's number of ratings</source>
            <translation>스택: 베이지안 MF (깁스 샘플링), 아이템 기반과 사용자 기반 AutoRec; 가중치는 사용자와 아이템의 평점 수에 따라 달라짐</translation>
        </message>
        <message>
            <source>Bayesian MF part</source>
            <translation>베이지안 MF 부분</translation>
        </message>
        <message>
            <source>share of the training ratings held out to learn the weights by least squares (the parts train on the rest); 0 = the weights learned on ml-100k u1.base</source>
            <translation>가중치를 최소제곱으로 학습하려고 떼어 두는 학습 평점의 비율 (부분 모델은 나머지로 학습); 0 = ml-100k u1.base에서 학습한 가중치</translation>
        </message>
        <message>
            <source>Bayesian MF + AutoRec blend, weights learned on each file (large data)</source>
            <translation>베이지안 MF + AutoRec 블렌드, 파일마다 가중치 학습 (대규모 데이터)</translation>
        </message>
        <message>
            <source>The Bayesian MF blend, its count-aware weights learned by least squares on 10 % of the ratings</source>
            <translation>베이지안 MF 블렌드: 평점 수를 반영한 가중치를 평점의 10%에서 최소제곱으로 학습</translation>
        </message>
        <message>
            <source>U-AutoRec (large data)</source>
            <translation>U-AutoRec (대규모 데이터)</translation>
        </message>
        <message>
            <source>Blend weights (least squares)</source>
            <translation>블렌드 가중치 (최소제곱)</translation>
        </message>
    </context>
    <context>
        <name>NewTableDialog</name>
        <message>
            <source>New table</source>
            <translation>새 표</translation>
        </message>
        <message>
            <source>Users (rows):</source>
            <translation>사용자(행):</translation>
        </message>
        <message>
            <source>Items (columns):</source>
            <translation>아이템(열):</translation>
        </message>
        <message>
            <source>Lowest rating:</source>
            <translation>최저 평점:</translation>
        </message>
        <message>
            <source>Highest rating:</source>
            <translation>최고 평점:</translation>
        </message>
    </context>
    <context>
        <name>RankingBox</name>
        <message>
            <source>top </source>
            <translation>상위 </translation>
        </message>
        <message>
            <source>Rank: precision / recall / NDCG</source>
            <translation>순위: 정밀도 / 재현율 / NDCG</translation>
        </message>
        <message>
            <source>Train the shown model on each fold's training part and score its top-K lists against the held-out ratings (a held-out rating at least the relevance threshold counts as a hit)</source>
            <translation>표시된 모델을 각 폴드의 훈련 부분으로 훈련하고, 상위 K 목록을 검증용 평점과 비교해 점수를 매깁니다(관련성 기준 이상인 검증용 평점이 적중)</translation>
        </message>
        <message>
            <source>Top-N lists:</source>
            <translation>상위 N 목록:</translation>
        </message>
        <message>
            <source>A job is already running; press Esc to stop it</source>
            <translation>이미 작업이 실행 중입니다. 멈추려면 Esc를 누르세요</translation>
        </message>
        <message>
            <source>Ranking evaluation</source>
            <translation>순위 평가</translation>
        </message>
        <message>
            <source>Ranking metrics rank every item for every held-out user from a full grid of scores; at {0} that grid cannot exist. Cross-validate the RMSE instead, or evaluate the ranking on a sample of the file.</source>
            <translation>순위 지표는 떼어 둔 모든 사용자에 대해 전체 점수 표로 모든 항목의 순위를 매깁니다; {0}에서는 그 표를 만들 수 없습니다. 대신 RMSE를 교차 검증하거나, 파일의 표본으로 순위를 평가하세요.</translation>
        </message>
        <message>
            <source>Check the training settings</source>
            <translation>훈련 설정을 확인하세요</translation>
        </message>
        <message>
            <source>Ranking evaluation running… (Esc stops it)</source>
            <translation>순위 평가 실행 중… (Esc로 멈춤)</translation>
        </message>
        <message>
            <source>Ranking evaluation stopped: no result.</source>
            <translation>순위 평가를 멈췄습니다: 결과 없음.</translation>
        </message>
        <message>
            <source>Ranking evaluation failed: {0}</source>
            <translation>순위 평가 실패: {0}</translation>
        </message>
        <message>
            <source>Ranking evaluation failed</source>
            <translation>순위 평가 실패</translation>
        </message>
        <message>
            <source>Top {k} over {folds} folds ({n} users with a relevant held-out rating ≥ {rel:g}): precision {p:.3f} · recall {r:.3f} · NDCG {ndcg:.3f} · MAP {map:.3f} · hit rate {hit:.3f} · coverage {cov:.1%}</source>
            <translation>폴드 {folds}개에서 상위 {k}개(관련 있는 검증용 평점 ≥ {rel:g}이 있는 사용자 {n}명): 정밀도 {p:.3f} · 재현율 {r:.3f} · NDCG {ndcg:.3f} · MAP {map:.3f} · 적중률 {hit:.3f} · 커버리지 {cov:.1%}</translation>
        </message>
    </context>
    <context>
        <name>RatingsModel</name>
        <message>
            <source>this table has {u} users × {i} items ({cells}): at this size the grid is read-only; edit the file itself, or open a smaller sample</source>
            <extracomment>Where a row's (or a column's) predictions come from (``row_state``/``col_state``). A refused edit or paste; the argument says why (for the status bar). Ratings changed (edit, paste, delete, undo or redo). Predictions were set, cleared or marked stale. Rows or columns were added, removed or renamed (and undone/redone). The document's own predictions (aligned with the matrix; NaN = none yet). ``_predictions`` is what the grid shows: these, or another model's for a while (an overlay). Extra arrays aligned with the matrix that follow every structural edit (the ratings the predictions reflect, an ensemble's spread…): name -&gt; users × items array (NaN for new cells). Asked before a paste past the last row or column grows the table: ``(rows, cols) -&gt; bool``. Each row's and column's identity (survives inserts and removals of others). Each row's (column's) index in the trained model; -1 = added after training. TRAINED, FOLDED (a newcomer folded into the model) or REFRESHED (re-fitted after an edit). Waiting for a background refresh.</extracomment>
            <translation>이 표는 사용자 {u}명 × 항목 {i}개({cells})입니다: 이 크기에서는 표가 읽기 전용입니다; 파일 자체를 편집하거나 더 작은 표본을 여세요</translation>
        </message>
        <message>
            <source>{where}: rating {value}</source>
            <translation>{where}: 평점 {value}</translation>
        </message>
        <message>
            <source>{0}: missing (train a model to predict it)</source>
            <translation>{0}: 빈 칸(모델을 훈련하면 예측합니다)</translation>
        </message>
        <message>
            <source>being predicted by fold-in into the trained model…</source>
            <translation>훈련된 모델에 폴드인으로 예측하는 중…</translation>
        </message>
        <message>
            <source>added after training: no prediction yet (F5 trains on the whole table)</source>
            <translation>훈련 뒤에 추가됨: 아직 예측 없음(F5는 표 전체로 훈련합니다)</translation>
        </message>
        <message>
            <source>{where}: predicted {value}, not a rating</source>
            <translation>{where}: 예측 {value}, 평점이 아님</translation>
        </message>
        <message>
            <source>Not trustworthy: {0}</source>
            <translation>믿을 수 없음: {0}</translation>
        </message>
        <message>
            <source>Refreshing: this row changed; new predictions are on their way</source>
            <translation>새로 고치는 중: 이 행이 바뀌어 새 예측을 계산하고 있습니다</translation>
        </message>
        <message>
            <source>Stale: ratings changed since training (retrain with F5)</source>
            <translation>오래됨: 훈련 뒤에 평점이 바뀌었습니다(F5로 다시 훈련)</translation>
        </message>
        <message>
            <source>Read-only: {0}</source>
            <translation>읽기 전용: {0}</translation>
        </message>
        <message>
            <source>Folded in: this user was added (or had no rating) after training; only her own parameters were fitted to her ratings, the rest of the model stays as trained</source>
            <translation>폴드인됨: 이 사용자는 훈련 뒤에 추가되었거나 평점이 없었습니다. 이 사용자의 파라미터만 평점에 맞췄고 나머지 모델은 훈련된 그대로입니다</translation>
        </message>
        <message>
            <source>Refreshed after your edit: this user's parameters were re-fitted to her current ratings (fold-in); the rest of the model stays as trained (F5 retrains everything)</source>
            <translation>편집 뒤 새로 고침: 이 사용자의 파라미터를 현재 평점에 다시 맞췄습니다(폴드인). 나머지 모델은 훈련된 그대로입니다(F5는 전체를 다시 훈련)</translation>
        </message>
        <message>
            <source>Folded in: this item was added after training; only its own parameters were fitted to its ratings, the rest of the model stays as trained</source>
            <translation>폴드인됨: 이 아이템은 훈련 뒤에 추가되었습니다. 이 아이템의 파라미터만 평점에 맞췄고 나머지 모델은 훈련된 그대로입니다</translation>
        </message>
        <message>
            <source>item id {0}</source>
            <translation>아이템 ID {0}</translation>
        </message>
        <message>
            <source>Edit refused, {0}; the old value stays</source>
            <translation>편집 거부: {0}. 이전 값을 유지합니다</translation>
        </message>
        <message>
            <source>the file is open read-only (another window owns it); Save As makes it yours</source>
            <translation>파일이 읽기 전용으로 열려 있습니다(다른 창이 쓰는 중). 다른 이름으로 저장하면 내 파일이 됩니다</translation>
        </message>
        <message>
            <source>another user is already called {0!r}</source>
            <translation>이미 {0!r}(이)라는 사용자가 있습니다</translation>
        </message>
        <message>
            <source>another item is already called {0!r}</source>
            <translation>이미 {0!r}(이)라는 아이템이 있습니다</translation>
        </message>
        <message>
            <source>the label {0!r} is given twice</source>
            <translation>이름 {0!r}이(가) 두 번 주어졌습니다</translation>
        </message>
        <message>
            <source>Add {0} user(s)</source>
            <translation>사용자 {0}명 추가</translation>
        </message>
        <message>
            <source>Add user {0}</source>
            <translation>사용자 {0} 추가</translation>
        </message>
        <message>
            <source>Add {0} item(s)</source>
            <translation>아이템 {0}개 추가</translation>
        </message>
        <message>
            <source>Add item {0}</source>
            <translation>아이템 {0} 추가</translation>
        </message>
        <message>
            <source>a table needs at least one user; nothing was removed</source>
            <translation>표에는 사용자가 한 명 이상 있어야 합니다. 아무것도 지우지 않았습니다</translation>
        </message>
        <message>
            <source>a table needs at least one item; nothing was removed</source>
            <translation>표에는 아이템이 하나 이상 있어야 합니다. 아무것도 지우지 않았습니다</translation>
        </message>
        <message>
            <source>Remove {0} users</source>
            <translation>사용자 {0}명 삭제</translation>
        </message>
        <message>
            <source>Remove user {0}</source>
            <translation>사용자 {0} 삭제</translation>
        </message>
        <message>
            <source>Remove {0} items</source>
            <translation>아이템 {0}개 삭제</translation>
        </message>
        <message>
            <source>Remove item {0}</source>
            <translation>아이템 {0} 삭제</translation>
        </message>
        <message>
            <source>Rename {old} to {new}</source>
            <translation>{old}의 이름을 {new}(으)로 바꾸기</translation>
        </message>
        <message>
            <source>Paste {0} cells, adding rows or columns</source>
            <translation>{0}칸 붙여넣기, 행이나 열 추가</translation>
        </message>
        <message>
            <source>{0} user(s)</source>
            <translation>사용자 {0}명</translation>
        </message>
        <message>
            <source>{0} item(s)</source>
            <translation>아이템 {0}개</translation>
        </message>
        <message>
            <source>added {0}</source>
            <translation>{0} 추가됨</translation>
        </message>
        <message>
            <source>Pasted {0} cells</source>
            <translation>{0}칸을 붙여넣었습니다</translation>
        </message>
        <message>
            <source>Pasted 1 cell</source>
            <translation>1칸을 붙여넣었습니다</translation>
        </message>
        <message>
            <source>; the part outside the grid was left out</source>
            <translation>; 표 밖으로 나간 부분은 뺐습니다</translation>
        </message>
        <message>
            <source>user {0}</source>
            <translation>사용자 {0}</translation>
        </message>
        <message>
            <source>item {0}</source>
            <translation>아이템 {0}</translation>
        </message>
    </context>
    <context>
        <name>RecentMenu</name>
        <message>
            <source>(none)</source>
            <translation>(없음)</translation>
        </message>
    </context>
    <context>
        <name>RecommendPanel</name>
        <message>
            <source>top </source>
            <translation>상위 </translation>
        </message>
        <message>
            <source>type to search</source>
            <translation>입력해 검색</translation>
        </message>
        <message>
            <source>#</source>
            <translation>#</translation>
        </message>
        <message>
            <source>item (not rated yet)</source>
            <translation>아이템(아직 평가 안 함)</translation>
        </message>
        <message>
            <source>predicted</source>
            <translation>예측</translation>
        </message>
        <message>
            <source>user (has not rated it)</source>
            <translation>사용자(아직 평가 안 함)</translation>
        </message>
        <message>
            <source>Train a model (F5): recommendations come from its predictions</source>
            <extracomment>A sparse table's trained model: each list is ranked from one user's (or item's) predictions.</extracomment>
            <translation>모델을 훈련하세요(F5). 추천은 모델의 예측에서 나옵니다</translation>
        </message>
        <message>
            <source>For user:</source>
            <translation>사용자:</translation>
        </message>
        <message>
            <source>For item:</source>
            <translation>아이템:</translation>
        </message>
        <message>
            <source>The table changed since training: F5 trains on it as it is</source>
            <translation>훈련 뒤에 표가 바뀌었습니다. F5는 지금 표로 훈련합니다</translation>
        </message>
        <message>
            <source>From the predictions shown in the grid; double-click a line to go to the cell</source>
            <translation>표에 표시된 예측에서 가져옴. 줄을 더블클릭하면 해당 칸으로 갑니다</translation>
        </message>
        <message>
            <source>From the trained model, one user (item) at a time; double-click a line to go to the cell</source>
            <translation>학습된 모델에서 사용자(항목)마다 하나씩 계산합니다; 줄을 더블클릭하면 그 셀로 갑니다</translation>
        </message>
        <message>
            <source>item id {0}</source>
            <translation>아이템 ID {0}</translation>
        </message>
        <message>
            <source>has rated every item</source>
            <translation>모든 아이템을 평가했습니다</translation>
        </message>
        <message>
            <source>every user has rated it</source>
            <translation>모든 사용자가 평가했습니다</translation>
        </message>
    </context>
    <context>
        <name>RecommendationsExport</name>
        <message>
            <source>Export &amp;recommendations…</source>
            <extracomment>A sparse table's export (a job) has ended: True when the file was written.</extracomment>
            <translation>추천 내보내기(&amp;R)…</translation>
        </message>
        <message>
            <source>Every user's top-N unrated items: user,rank,item,score[,title]</source>
            <translation>모든 사용자의 평가하지 않은 상위 N개 아이템: user,rank,item,score[,title]</translation>
        </message>
        <message>
            <source>Nothing to export yet</source>
            <translation>아직 내보낼 것이 없습니다</translation>
        </message>
        <message>
            <source>Train a model first (F5): the recommendations come from its predictions.</source>
            <translation>먼저 모델을 훈련하세요(F5). 추천은 모델의 예측에서 나옵니다.</translation>
        </message>
        <message>
            <source>Export recommendations</source>
            <translation>추천 내보내기</translation>
        </message>
        <message>
            <source>CSV files (*.csv)</source>
            <translation>CSV 파일 (*.csv)</translation>
        </message>
        <message>
            <source>Cannot export</source>
            <translation>내보낼 수 없습니다</translation>
        </message>
        <message>
            <source>Exported the top {n} of {u} users to {name} ({k} lines)</source>
            <translation>사용자 {u}명의 상위 {n}개를 {name}에 내보냈습니다({k}줄)</translation>
        </message>
        <message>
            <source>A job is already running; press Esc to stop it</source>
            <translation>이미 작업이 실행 중입니다. 멈추려면 Esc를 누르세요</translation>
        </message>
        <message>
            <source>Ranking every user's top {0}…</source>
            <translation>모든 사용자의 상위 {0}개를 고르는 중…</translation>
        </message>
        <message>
            <source>Export of the recommendations stopped; nothing was written</source>
            <translation>추천 내보내기를 멈췄습니다; 아무것도 쓰지 않았습니다</translation>
        </message>
    </context>
    <context>
        <name>RecoveryManager</name>
        <message>
            <source>SoloRec ended without saving an untitled table of {u} users × {i} items (last change {when}).

Restore shows it again (unsaved). Discard deletes it for good. Later keeps it for the next start.</source>
            <extracomment>Milliseconds between a change and the recovery file being written (at most). The file the edits belong to; None for an untitled table (File › New table). The whole table when its rows or columns changed (or it is untitled): ``users``, ``items``, ``scale`` and its known ``cells`` as [row, column, value]. Where this window's untitled table is kept (one name per window and process).</extracomment>
            <translation>SoloRec이 사용자 {u}명 × 아이템 {i}개의 제목 없는 표를 저장하지 않고 끝났습니다(마지막 변경 {when}).

복원하면 다시 보여 줍니다(저장 안 됨). 폐기하면 영구히 지웁니다. 나중에는 다음 시작 때까지 보관합니다.</translation>
        </message>
        <message>
            <source>SoloRec ended without saving edits to {name}, its rows or columns included (last change {when}).

Restore reopens {name} and puts the edited table back (marked unsaved, Ctrl+Z undoes it). Discard deletes the edits for good. Later keeps them for the next start.</source>
            <translation>SoloRec이 {name}의 편집(행과 열 포함)을 저장하지 않고 끝났습니다(마지막 변경 {when}).

복원하면 {name}을(를) 다시 열고 편집한 표를 되돌려 놓습니다(저장 안 됨으로 표시, Ctrl+Z로 되돌리기). 폐기하면 편집을 영구히 지웁니다. 나중에는 다음 시작 때까지 보관합니다.</translation>
        </message>
        <message>
            <source>Restore unsaved edits?</source>
            <translation>저장하지 않은 편집을 복원할까요?</translation>
        </message>
        <message>
            <source>Cannot restore the edits</source>
            <translation>편집을 복원할 수 없습니다</translation>
        </message>
        <message>
            <source>The recovery file {file} is damaged ({error}); it is kept.</source>
            <translation>복구 파일 {file}이(가) 손상되었습니다({error}). 파일은 남겨 둡니다.</translation>
        </message>
        <message>
            <source>Restored the untitled table ({u} users × {i} items)</source>
            <translation>제목 없는 표를 복원했습니다(사용자 {u}명 × 아이템 {i}개)</translation>
        </message>
        <message>
            <source>Restore the unsaved table</source>
            <translation>저장하지 않은 표 복원</translation>
        </message>
        <message>
            <source>Restored the unsaved table of {name} ({u} users × {i} items)</source>
            <translation>{name}의 저장하지 않은 표를 복원했습니다(사용자 {u}명 × 아이템 {i}개)</translation>
        </message>
        <message>
            <source>{name} is open in another SoloRec window: its unsaved edits stay in {file} for later</source>
            <translation>{name}은(는) 다른 SoloRec 창에서 열려 있습니다. 저장하지 않은 편집은 나중을 위해 {file}에 남겨 둡니다</translation>
        </message>
    </context>
    <context>
        <name>ShortcutsDialog</name>
        <message>
            <source>Keyboard shortcuts</source>
            <translation>단축키</translation>
        </message>
        <message>
            <source>Edit the selected cell</source>
            <translation>선택한 칸 편집</translation>
        </message>
        <message>
            <source>type a number, or F2</source>
            <translation>숫자를 입력하거나 F2</translation>
        </message>
        <message>
            <source>Commit and move down</source>
            <translation>확정하고 아래로 이동</translation>
        </message>
        <message>
            <source>Enter</source>
            <translation>Enter</translation>
        </message>
        <message>
            <source>Action</source>
            <translation>동작</translation>
        </message>
        <message>
            <source>Keys</source>
            <translation>키</translation>
        </message>
    </context>
    <context>
        <name>StepPage</name>
        <message>
            <source>Run</source>
            <extracomment>The lecture's step keys, in its order (``core.lecture.STEPS``; repeated here so the panel builds without torch). The step's model as the grid, the plot and the map show a training (None: not on the document). ✓ / ✗ / "" (not run): what the step list shows.</extracomment>
            <translation>실행</translation>
        </message>
        <message>
            <source>Run this step with SoloRec's engine (Esc stops it)</source>
            <translation>SoloRec 엔진으로 이 단계를 실행합니다(Esc로 멈춤)</translation>
        </message>
        <message>
            <source>Not run yet.</source>
            <translation>아직 실행하지 않았습니다.</translation>
        </message>
        <message>
            <source>Names separated by commas; the same name gets the same index</source>
            <translation>쉼표로 구분한 이름. 같은 이름은 같은 인덱스를 받습니다</translation>
        </message>
        <message>
            <source>The embedding's dimension (the Linear layer's outputs)</source>
            <translation>임베딩의 차원(Linear 층의 출력 수)</translation>
        </message>
        <message>
            <source>Names:</source>
            <translation>이름:</translation>
        </message>
        <message>
            <source>Dimension:</source>
            <translation>차원:</translation>
        </message>
        <message>
            <source>k-fold cross-validation: the Evaluate tab</source>
            <translation>k-폴드 교차 검증: 평가 탭</translation>
        </message>
        <message>
            <source>Show the embedding map (MBTI groups)</source>
            <translation>임베딩 지도 보기(MBTI 그룹)</translation>
        </message>
        <message>
            <source>Type at least one name (names separated by commas).</source>
            <translation>이름을 하나 이상 입력하세요(쉼표로 구분).</translation>
        </message>
        <message>
            <source>Stop</source>
            <translation>멈춤</translation>
        </message>
        <message>
            <source>Running… (Esc stops it)</source>
            <translation>실행 중… (Esc로 멈춤)</translation>
        </message>
        <message>
            <source>First the lecture's last cell, net(XX1, XX2); then the {n} missing cells, now filled in.</source>
            <translation>먼저 강의의 마지막 셀 net(XX1, XX2), 그다음 이제 채워진 빈 칸 {n}개.</translation>
        </message>
        <message>
            <source>Ran on the bundled solo.csv; your document was not changed.</source>
            <translation>제공된 solo.csv로 실행했습니다. 내 문서는 바뀌지 않았습니다.</translation>
        </message>
        <message>
            <source>Equals the lecture's printed numbers to 4 decimals (largest difference {d:.1g}).</source>
            <translation>강의에 출력된 숫자와 소수 4자리까지 같습니다(최대 차이 {d:.1g}).</translation>
        </message>
        <message>
            <source>It does not fit, as in the lecture (loss {loss:.3f}, the ratings' variance {var:.3f}); its table equals the lecture's to ±{tol:g} with seed 43052.</source>
            <translation>강의에서처럼 맞지 않습니다(손실 {loss:.3f}, 평점의 분산 {var:.3f}). 시드 43052에서 표가 강의와 ±{tol:g} 이내로 같습니다.</translation>
        </message>
        <message>
            <source>Within ±{tol:g} of the lecture's numbers, not to 4 decimals: the lecture ran an older torch, and {epochs} training steps drift between torch versions (here torch {torch}). Both are shown; largest difference {d:.4f}.</source>
            <translation>강의 숫자와 ±{tol:g} 이내이지만 소수 4자리까지는 아닙니다. 강의는 예전 torch로 실행했고, {epochs}번의 훈련 단계는 torch 버전마다 조금씩 달라집니다(여기는 torch {torch}). 둘 다 표시합니다. 최대 차이 {d:.4f}.</translation>
        </message>
        <message>
            <source>Linear(one-hot) equals Embedding exactly (other names or dimension: no printed numbers to compare).</source>
            <translation>원-핫에 대한 Linear는 Embedding과 정확히 같습니다(이름이나 차원이 다르면 비교할 출력 숫자가 없음).</translation>
        </message>
        <message>
            <source>The class equals step 2 exactly (largest difference {d:g}). The lecture set no seed for it, so its printed table (right) is not reproducible.</source>
            <translation>이 클래스는 2단계와 정확히 같습니다(최대 차이 {d:g}). 강의는 여기서 시드를 정하지 않아 출력된 표(오른쪽)는 재현할 수 없습니다.</translation>
        </message>
        <message>
            <source>It does not fit, as in the lecture (loss {loss:.3f}, the ratings' variance {var:.3f}).</source>
            <translation>강의에서처럼 맞지 않습니다(손실 {loss:.3f}, 평점의 분산 {var:.3f}).</translation>
        </message>
        <message>
            <source>Yes, it overfits: training loss {train:.5f}, validation loss {val:.3f} ({ratio:.0f}× higher); the validation loss was lowest at epoch {best:.0f}.</source>
            <translation>네, 과적합입니다: 훈련 손실 {train:.5f}, 검증 손실 {val:.3f}({ratio:.0f}배 높음). 검증 손실은 에폭 {best:.0f}에서 가장 낮았습니다.</translation>
        </message>
        <message>
            <source>Behaves as the lecture says.</source>
            <translation>강의에서 말한 대로 동작합니다.</translation>
        </message>
        <message>
            <source>Differs from the lecture: </source>
            <translation>강의와 다름: </translation>
        </message>
        <message>
            <source>linr(E)</source>
            <translation>linr(E)</translation>
        </message>
        <message>
            <source>lecture</source>
            <translation>강의</translation>
        </message>
        <message>
            <source>ŷ</source>
            <translation>ŷ</translation>
        </message>
        <message>
            <source>lecture ŷ</source>
            <translation>강의 ŷ</translation>
        </message>
        <message>
            <source>y</source>
            <translation>y</translation>
        </message>
        <message>
            <source>lecture y</source>
            <translation>강의 y</translation>
        </message>
        <message>
            <source>One-hot E = one_hot(x)</source>
            <translation>원-핫 E = one_hot(x)</translation>
        </message>
        <message>
            <source>linr.weight (= ebdd.weight.T)</source>
            <translation>linr.weight (= ebdd.weight.T)</translation>
        </message>
        <message>
            <source>ebdd(x)</source>
            <translation>ebdd(x)</translation>
        </message>
        <message>
            <source>linr(E) and ebdd(x) are equal: {0}</source>
            <translation>linr(E)와 ebdd(x)가 같음: {0}</translation>
        </message>
        <message>
            <source>yes</source>
            <translation>예</translation>
        </message>
        <message>
            <source>no</source>
            <translation>아니요</translation>
        </message>
        <message>
            <source>Linear without one-hot: Linear(1, d) on the index itself</source>
            <translation>원-핫 없는 Linear: 인덱스 자체에 Linear(1, d)</translation>
        </message>
        <message>
            <source>validation loss</source>
            <translation>검증 손실</translation>
        </message>
        <message>
            <source>lowest validation loss</source>
            <translation>가장 낮은 검증 손실</translation>
        </message>
    </context>
    <context>
        <name>TableEditing</name>
        <message>
            <source>&amp;New table…</source>
            <translation>새 표(&amp;N)…</translation>
        </message>
        <message>
            <source>An empty table: users × items and the rating scale</source>
            <translation>빈 표: 사용자 × 아이템과 평점 척도</translation>
        </message>
        <message>
            <source>&amp;Insert rows or columns</source>
            <translation>행이나 열 삽입(&amp;I)</translation>
        </message>
        <message>
            <source>Insert as many rows (or columns) as are selected, above (or left of) them</source>
            <translation>선택한 만큼 행(또는 열)을 그 위(또는 왼쪽)에 삽입</translation>
        </message>
        <message>
            <source>Delete selected rows or columns</source>
            <translation>선택한 행이나 열 삭제</translation>
        </message>
        <message>
            <source>Remove the selected whole rows or columns (Ctrl+Z brings them back)</source>
            <translation>선택한 행 또는 열 전체를 지웁니다(Ctrl+Z로 되돌리기)</translation>
        </message>
        <message>
            <source>Add &amp;user</source>
            <translation>사용자 추가(&amp;U)</translation>
        </message>
        <message>
            <source>A new row at the end of the table</source>
            <translation>표 끝에 새 행</translation>
        </message>
        <message>
            <source>Add i&amp;tem</source>
            <translation>아이템 추가(&amp;T)</translation>
        </message>
        <message>
            <source>A new column at the end of the table</source>
            <translation>표 끝에 새 열</translation>
        </message>
        <message>
            <source>Rename user…</source>
            <translation>사용자 이름 바꾸기…</translation>
        </message>
        <message>
            <source>Rename the current cell's user</source>
            <translation>현재 칸의 사용자 이름 바꾸기</translation>
        </message>
        <message>
            <source>Rename item…</source>
            <translation>아이템 이름 바꾸기…</translation>
        </message>
        <message>
            <source>Rename the current cell's item</source>
            <translation>현재 칸의 아이템 이름 바꾸기</translation>
        </message>
        <message>
            <source>{0} user(s)</source>
            <translation>사용자 {0}명</translation>
        </message>
        <message>
            <source>{0} item(s)</source>
            <translation>아이템 {0}개</translation>
        </message>
        <message>
            <source>Paste past the end of the table</source>
            <translation>표 끝을 넘는 붙여넣기</translation>
        </message>
        <message>
            <source>The pasted block reaches past the table. Add {0} for it? (No pastes only what fits.)</source>
            <translation>붙여넣을 블록이 표 밖으로 나갑니다. {0}을(를) 추가할까요? (아니요를 고르면 들어가는 부분만 붙여넣습니다.)</translation>
        </message>
        <message>
            <source> and </source>
            <translation> 및 </translation>
        </message>
        <message>
            <source>creating a new table</source>
            <translation>새 표 만들기</translation>
        </message>
        <message>
            <source>The job of the previous file was discarded</source>
            <translation>이전 파일의 작업을 폐기했습니다</translation>
        </message>
        <message>
            <source>Cannot create the table</source>
            <translation>표를 만들 수 없습니다</translation>
        </message>
        <message>
            <source>New table: {u} users × {i} items, ratings from {lo:g} to {hi:g}</source>
            <translation>새 표: 사용자 {u}명 × 아이템 {i}개, 평점 {lo:g}부터 {hi:g}까지</translation>
        </message>
        <message>
            <source>Refused, {0}; nothing was changed</source>
            <translation>거부: {0}. 아무것도 바뀌지 않았습니다</translation>
        </message>
        <message>
            <source>Added {0} (Ctrl+Z to undo)</source>
            <translation>{0} 추가함(Ctrl+Z로 되돌리기)</translation>
        </message>
        <message>
            <source>Removed {0} user(s)</source>
            <translation>사용자 {0}명 삭제함</translation>
        </message>
        <message>
            <source>Removed {0} item(s)</source>
            <translation>아이템 {0}개 삭제함</translation>
        </message>
        <message>
            <source>Renamed (Ctrl+Z to undo)</source>
            <translation>이름을 바꿨습니다(Ctrl+Z로 되돌리기)</translation>
        </message>
        <message>
            <source>Select whole rows or columns (click their headers) to insert before them</source>
            <translation>앞에 삽입하려면 행이나 열 전체를 선택하세요(머리글 클릭)</translation>
        </message>
        <message>
            <source>Select whole rows or columns (click their headers) to delete them</source>
            <translation>삭제하려면 행이나 열 전체를 선택하세요(머리글 클릭)</translation>
        </message>
        <message>
            <source>Select a cell of the user or item to rename</source>
            <translation>이름을 바꿀 사용자나 아이템의 칸을 선택하세요</translation>
        </message>
        <message>
            <source>Rename user</source>
            <translation>사용자 이름 바꾸기</translation>
        </message>
        <message>
            <source>Rename item</source>
            <translation>아이템 이름 바꾸기</translation>
        </message>
        <message>
            <source>New name for {0}:</source>
            <translation>{0}의 새 이름:</translation>
        </message>
        <message>
            <source>Insert user above</source>
            <translation>위에 사용자 삽입</translation>
        </message>
        <message>
            <source>Insert user below</source>
            <translation>아래에 사용자 삽입</translation>
        </message>
        <message>
            <source>Delete {0} user(s)</source>
            <translation>사용자 {0}명 삭제</translation>
        </message>
        <message>
            <source>Insert item left</source>
            <translation>왼쪽에 아이템 삽입</translation>
        </message>
        <message>
            <source>Insert item right</source>
            <translation>오른쪽에 아이템 삽입</translation>
        </message>
        <message>
            <source>Delete {0} item(s)</source>
            <translation>아이템 {0}개 삭제</translation>
        </message>
    </context>
    <context>
        <name>Trainer</name>
        <message>
            <source>validation loss</source>
            <extracomment>A training's predictions are shown (a TrainOutcome; ``stopped`` when Esc ended it). A training, validation or ensemble failed (the message); nothing was applied. A job was stopped with nothing to show (its kind). F5 started a job of this kind (training, validation or ensemble).</extracomment>
            <translation>검증 손실</translation>
        </message>
        <message>
            <source>Stopping… training again as soon as the stopped run ends</source>
            <translation>멈추는 중… 멈춘 실행이 끝나는 대로 다시 훈련합니다</translation>
        </message>
        <message>
            <source>A job is already running; press Esc to stop it</source>
            <translation>이미 작업이 실행 중입니다. 멈추려면 Esc를 누르세요</translation>
        </message>
        <message>
            <source>Check the training settings</source>
            <translation>훈련 설정을 확인하세요</translation>
        </message>
        <message>
            <source>{model} ranks items for a user; it does not predict ratings, so a holdout's RMSE and an ensemble's spread do not apply: untick them to train it.</source>
            <translation>{model}은(는) 사용자에게 아이템 순위를 매기며 평점을 예측하지 않으므로, 검증용 RMSE와 앙상블 편차가 해당되지 않습니다. 훈련하려면 체크를 해제하세요.</translation>
        </message>
        <message>
            <source>An ensemble averages every member's full grid of predictions; at {0} that grid cannot exist. Untick the ensemble to train one model.</source>
            <translation>앙상블은 각 모델의 전체 예측 표를 평균합니다; {0}에서는 그 표를 만들 수 없습니다. 앙상블을 끄고 모델 하나를 학습하세요.</translation>
        </message>
        <message>
            <source>Nothing to train on</source>
            <translation>훈련할 것이 없습니다</translation>
        </message>
        <message>
            <source>The grid has no known rating.</source>
            <translation>표에 알려진 평점이 없습니다.</translation>
        </message>
        <message>
            <source>loss (MSE)</source>
            <translation>손실(MSE)</translation>
        </message>
        <message>
            <source>training loss (MSE)</source>
            <translation>훈련 손실(MSE)</translation>
        </message>
        <message>
            <source>Loading the training engine (torch), the first time only…</source>
            <translation>훈련 엔진(torch)을 불러오는 중, 처음 한 번만…</translation>
        </message>
        <message>
            <source>Starting…</source>
            <translation>시작하는 중…</translation>
        </message>
        <message>
            <source>Stopping…</source>
            <translation>멈추는 중…</translation>
        </message>
        <message>
            <source>Epoch {epoch}/{epochs}</source>
            <translation>에폭 {epoch}/{epochs}</translation>
        </message>
        <message>
            <source>loss {0:.5g}</source>
            <translation>손실 {0:.5g}</translation>
        </message>
        <message>
            <source>{0} left</source>
            <translation>{0} 남음</translation>
        </message>
        <message>
            <source>Epoch {epoch}/{epochs}, {pct:.0f} %</source>
            <translation>에폭 {epoch}/{epochs}, {pct:.0f}%</translation>
        </message>
        <message>
            <source>loss so far {0:.5g}</source>
            <translation>지금까지 손실 {0:.5g}</translation>
        </message>
        <message>
            <source>{what}: {pct:.0f} % (Esc stops it)</source>
            <translation>{what}: {pct:.0f} % (Esc로 멈춤)</translation>
        </message>
        <message>
            <source>Ready</source>
            <translation>준비됨</translation>
        </message>
        <message>
            <source>no prediction was applied</source>
            <translation>적용한 예측 없음</translation>
        </message>
        <message>
            <source>Stopped: {what} stopped before it ended; {detail}.</source>
            <translation>멈춤: {what}이(가) 끝나기 전에 멈췄습니다. {detail}.</translation>
        </message>
        <message>
            <source>{0} failed</source>
            <translation>{0} 실패</translation>
        </message>
        <message>
            <source>No prediction was applied.</source>
            <translation>적용한 예측이 없습니다.</translation>
        </message>
        <message>
            <source>Nothing was changed.</source>
            <translation>아무것도 바뀌지 않았습니다.</translation>
        </message>
        <message>
            <source>{summary}), stopped early after {n} of {total} epochs</source>
            <translation>{summary}), 에폭 {total}개 중 {n}개 뒤 조기 종료</translation>
        </message>
        <message>
            <source>, mean of {0} seeds</source>
            <translation>, 시드 {0}개의 평균</translation>
        </message>
        <message>
            <source>Model: {name} ({detail}; trained {when}</source>
            <translation>모델: {name} ({detail}; {when}에 훈련</translation>
        </message>
        <message>
            <source>Trained {name} in {s:.1f} s. It ranks items for each user: its top-N lists are in the Recommend tab. It does not predict ratings, so the grid's missing cells stay empty.</source>
            <translation>{name} 훈련 {s:.1f}초. 사용자마다 아이템 순위를 매기며 상위 N 목록은 추천 탭에 있습니다. 평점은 예측하지 않으므로 표의 빈 칸은 비어 있습니다.</translation>
        </message>
        <message>
            <source>Not trustworthy: worse than the mean</source>
            <translation>믿을 수 없음: 평균보다 못함</translation>
        </message>
        <message>
            <source>{name} was trained, but {warning}

The predictions are shown marked as not trustworthy.</source>
            <translation>{name}을(를) 훈련했지만 {warning}

예측은 믿을 수 없음으로 표시됩니다.</translation>
        </message>
        <message>
            <source>{phase} final loss {loss:.5g}</source>
            <translation>{phase} 최종 손실 {loss:.5g}</translation>
        </message>
        <message>
            <source>final loss {0:.5g}</source>
            <translation>최종 손실 {0:.5g}</translation>
        </message>
        <message>
            <source>no epoch ran</source>
            <translation>실행한 에폭 없음</translation>
        </message>
        <message>
            <source>Not trustworthy: {name} trained in {s:.1f} s ({losses}), but {warning}</source>
            <translation>믿을 수 없음: {name} 훈련 {s:.1f}초({losses}), 하지만 {warning}</translation>
        </message>
        <message>
            <source>Stopped {name} after {s:.1f} s: {losses}; {n} missing cells predicted by the stopped model</source>
            <translation>{name}을(를) {s:.1f}초 뒤 멈춤: {losses}; 멈춘 모델이 빈 칸 {n}개를 예측</translation>
        </message>
        <message>
            <source>Trained {name} in {s:.1f} s: {losses}; {n} missing cells predicted</source>
            <translation>{name} 훈련 {s:.1f}초: {losses}; 빈 칸 {n}개 예측</translation>
        </message>
        <message>
            <source> (stale: ratings changed during training)</source>
            <translation> (오래됨: 훈련 중에 평점이 바뀜)</translation>
        </message>
        <message>
            <source>best epoch</source>
            <translation>최적 에폭</translation>
        </message>
        <message>
            <source>lowest validation loss</source>
            <translation>가장 낮은 검증 손실</translation>
        </message>
    </context>
    <context>
        <name>TrainingPanel</name>
        <message>
            <source>Training</source>
            <extracomment>The user picked another model (its name).</extracomment>
            <translation>훈련</translation>
        </message>
        <message>
            <source>Restore defaults</source>
            <translation>기본값 복원</translation>
        </message>
        <message>
            <source>Reset the shown model's settings to its defaults</source>
            <translation>표시된 모델의 설정을 기본값으로 되돌립니다</translation>
        </message>
        <message>
            <source>auto (GPU when available)</source>
            <translation>자동(GPU가 있으면 GPU)</translation>
        </message>
        <message>
            <source>CUDA when torch finds a GPU, else the CPU</source>
            <translation>torch가 GPU를 찾으면 CUDA, 아니면 CPU</translation>
        </message>
        <message>
            <source>cpu</source>
            <translation>cpu</translation>
        </message>
        <message>
            <source>Always the CPU (works everywhere)</source>
            <translation>항상 CPU(어디서나 동작)</translation>
        </message>
        <message>
            <source>cuda (GPU)</source>
            <translation>cuda (GPU)</translation>
        </message>
        <message>
            <source>An NVIDIA GPU; falls back to the CPU when none is found</source>
            <translation>NVIDIA GPU. 없으면 CPU를 씁니다</translation>
        </message>
        <message>
            <source>Model:</source>
            <translation>모델:</translation>
        </message>
        <message>
            <source>Device:</source>
            <translation>장치:</translation>
        </message>
        <message>
            <source>Train (F5)</source>
            <translation>훈련(F5)</translation>
        </message>
        <message>
            <source>Stop (Esc)</source>
            <translation>멈춤(Esc)</translation>
        </message>
        <message>
            <source>%v / %m epochs</source>
            <translation>%v / %m 에폭</translation>
        </message>
        <message>
            <source>Ready</source>
            <translation>준비됨</translation>
        </message>
        <message>
            <source>{model}.</source>
            <extracomment>Models whose form was typed into since the settings were last remembered (save() writes those).</extracomment>
            <translation>{model}.</translation>
        </message>
        <message>
            <source>{file} has {n} ratings (more than {t}): the large-data recipe {model}.</source>
            <translation>{file}에 평점이 {n}개 있습니다({t}개 초과): 대규모 데이터용 설정 {model}.</translation>
        </message>
        <message>
            <source>{file} has {n} ratings: the lecture's {model}, the recipe for a table this size.</source>
            <translation>{file}에 평점이 {n}개 있습니다: 이 크기의 표에 맞는 강의의 {model}.</translation>
        </message>
        <message>
            <source>{model} ranks items for each user (its top-N lists go to the Recommend tab); it does not predict ratings, so it does not fill the grid.</source>
            <translation>{model}은(는) 사용자마다 아이템 순위를 매기며(상위 N 목록은 추천 탭으로) 평점은 예측하지 않으므로 표를 채우지 않습니다.</translation>
        </message>
        <message>
            <source>{model} is a large-data recipe, but {file} has only {n} ratings (at most {t}): {rec} is the recipe for a table this size.</source>
            <translation>{model}은(는) 대규모 데이터용 설정이지만 {file}의 평점은 {n}개뿐입니다({t}개 이하). 이 크기의 표에는 {rec}이(가) 맞습니다.</translation>
        </message>
        <message>
            <source>{model} is a small-table recipe, but {file} has {n} ratings (more than {t}): the large-data recipe {rec} is meant for it.</source>
            <translation>{model}은(는) 작은 표용 설정이지만 {file}의 평점은 {n}개입니다({t}개 초과). 대규모 데이터용 설정 {rec}이(가) 맞습니다.</translation>
        </message>
        <message>
            <source>{model}, chosen for {file} (recommended for its size: {rec}).</source>
            <translation>{file}에 선택한 {model}(크기에 맞는 추천: {rec}).</translation>
        </message>
        <message>
            <source>Check the settings: {0}</source>
            <translation>설정을 확인하세요: {0}</translation>
        </message>
        <message>
            <source>{setting} {value} (default {default})</source>
            <translation>{setting} {value} (기본값 {default})</translation>
        </message>
        <message>
            <source>Your settings, not {model}'s defaults: {changes}{more}. Restore defaults resets them.</source>
            <translation>{model}의 기본값이 아닌 내 설정: {changes}{more}. 기본값 복원으로 되돌립니다.</translation>
        </message>
        <message>
            <source>Its default settings.</source>
            <translation>기본 설정입니다.</translation>
        </message>
        <message>
            <source>MF: matrix factorisation</source>
            <translation>MF: 행렬 분해</translation>
        </message>
        <message>
            <source>MF</source>
            <translation>MF</translation>
        </message>
        <message>
            <source>Matrix factorisation (the lecture's): σ(u·v + b_u + b_i) scaled to the rating range</source>
            <translation>행렬 분해(강의의 모델): σ(u·v + b_u + b_i)를 평점 범위로 조정</translation>
        </message>
        <message>
            <source>Epochs</source>
            <translation>에폭</translation>
        </message>
        <message>
            <source>Learning rate</source>
            <translation>학습률</translation>
        </message>
        <message>
            <source>Batch size</source>
            <translation>배치 크기</translation>
        </message>
        <message>
            <source>full batch</source>
            <translation>전체 배치</translation>
        </message>
        <message>
            <source>Seed</source>
            <translation>시드</translation>
        </message>
        <message>
            <source>Embedding dim</source>
            <translation>임베딩 차원</translation>
        </message>
        <message>
            <source>length of each user and item vector</source>
            <translation>사용자 벡터와 아이템 벡터의 길이</translation>
        </message>
        <message>
            <source>Weight decay</source>
            <translation>가중치 감쇠</translation>
        </message>
        <message>
            <source>Adam's L2 penalty</source>
            <translation>Adam의 L2 페널티</translation>
        </message>
        <message>
            <source>NN: neural recommender</source>
            <translation>NN: 신경망 추천 모델</translation>
        </message>
        <message>
            <source>NN</source>
            <translation>NN</translation>
        </message>
        <message>
            <source>Neural recommender (the lecture's): [u, v, b_u, b_i] → MLP → σ scaled to the rating range</source>
            <translation>신경망 추천 모델(강의의 모델): [u, v, b_u, b_i] → MLP → σ를 평점 범위로 조정</translation>
        </message>
        <message>
            <source>Hidden layers</source>
            <translation>은닉층</translation>
        </message>
        <message>
            <source>sizes of the MLP's hidden layers, e.g. 15,15</source>
            <translation>MLP 은닉층의 크기, 예: 15,15</translation>
        </message>
        <message>
            <source>Baseline: mean + biases</source>
            <translation>기준 모델: 평균 + 편향</translation>
        </message>
        <message>
            <source>Baseline</source>
            <translation>기준 모델</translation>
        </message>
        <message>
            <source>Baseline: mean rating + user bias + item bias (no embeddings)</source>
            <translation>기준 모델: 평균 평점 + 사용자 편향 + 아이템 편향(임베딩 없음)</translation>
        </message>
        <message>
            <source>MF for large data</source>
            <translation>대규모 데이터용 MF</translation>
        </message>
        <message>
            <source>MF for large data: mean + user/item biases + u·v, small init, L2 per mini-batch</source>
            <translation>대규모 데이터용 MF: 평균 + 사용자/아이템 편향 + u·v, 작은 초기값, 미니배치마다 L2</translation>
        </message>
        <message>
            <source>L2 on embeddings</source>
            <translation>임베딩 L2</translation>
        </message>
        <message>
            <source>weight of mean(|p_u|² + |q_i|²) over each mini-batch</source>
            <translation>미니배치마다 mean(|p_u|² + |q_i|²)에 곱하는 가중치</translation>
        </message>
        <message>
            <source>L2 on biases</source>
            <translation>편향 L2</translation>
        </message>
        <message>
            <source>weight of mean(b_u² + b_i²) over each mini-batch</source>
            <translation>미니배치마다 mean(b_u² + b_i²)에 곱하는 가중치</translation>
        </message>
        <message>
            <source>LR decay per epoch</source>
            <translation>에폭당 학습률 감소</translation>
        </message>
        <message>
            <source>the learning rate is multiplied by this after every epoch (1 = constant)</source>
            <translation>에폭이 끝날 때마다 학습률에 이 값을 곱합니다(1 = 일정)</translation>
        </message>
        <message>
            <source>SVD++ (large data)</source>
            <translation>SVD++ (대규모 데이터)</translation>
        </message>
        <message>
            <source>SVD++ (Koren 2008): mean + biases + q_i·(p_u + |N(u)|^-½ Σ y_j over the items u rated)</source>
            <translation>SVD++ (Koren 2008): 평균 + 편향 + q_i·(p_u + |N(u)|^-½ Σ u가 평가한 아이템의 y_j)</translation>
        </message>
        <message>
            <source>L2 on p and q</source>
            <translation>p와 q의 L2</translation>
        </message>
        <message>
            <source>L2 on implicit vectors</source>
            <translation>암묵 벡터의 L2</translation>
        </message>
        <message>
            <source>weight of mean(|y_i|²) over each mini-batch's items</source>
            <translation>미니배치 아이템마다 mean(|y_i|²)에 곱하는 가중치</translation>
        </message>
        <message>
            <source>I-AutoRec (large data)</source>
            <translation>I-AutoRec (대규모 데이터)</translation>
        </message>
        <message>
            <source>I-AutoRec: each item's ratings → σ(V·r) → W·h (an item-based autoencoder)</source>
            <translation>I-AutoRec: 각 아이템의 평점 → σ(V·r) → W·h (아이템 기반 오토인코더)</translation>
        </message>
        <message>
            <source>Batch size (items)</source>
            <translation>배치 크기(아이템)</translation>
        </message>
        <message>
            <source>all items</source>
            <translation>모든 아이템</translation>
        </message>
        <message>
            <source>Hidden units</source>
            <translation>은닉 유닛</translation>
        </message>
        <message>
            <source>L2 (λ)</source>
            <translation>L2 (λ)</translation>
        </message>
        <message>
            <source>λ on the encoder's and decoder's weights</source>
            <translation>인코더와 디코더 가중치에 주는 λ</translation>
        </message>
        <message>
            <source>MF + AutoRec blend (large data)</source>
            <translation>MF + AutoRec 혼합 (대규모 데이터)</translation>
        </message>
        <message>
            <source>Ensemble: mf-large and autorec trained in turn, predictions blended</source>
            <translation>앙상블: mf-large와 autorec을 차례로 훈련하고 예측을 섞습니다</translation>
        </message>
        <message>
            <source>MF part</source>
            <translation>MF 부분</translation>
        </message>
        <message>
            <source>AutoRec part</source>
            <translation>AutoRec 부분</translation>
        </message>
        <message>
            <source>Weight of MF</source>
            <translation>MF 가중치</translation>
        </message>
        <message>
            <source>the MF's share of the blended prediction (AutoRec gets the rest)</source>
            <translation>섞은 예측에서 MF가 차지하는 비율(나머지는 AutoRec)</translation>
        </message>
        <message>
            <source>EASE (top-N ranker)</source>
            <translation>EASE (상위 N 순위 모델)</translation>
        </message>
        <message>
            <source>EASE: closed-form item-item weights on the rated/liked pattern; ranks items, does not predict ratings</source>
            <translation>EASE: 평가함/좋아함 패턴에서 닫힌 형태로 구한 아이템-아이템 가중치. 아이템 순위를 매기며 평점은 예측하지 않습니다</translation>
        </message>
        <message>
            <source>λ (L2)</source>
            <translation>λ (L2)</translation>
        </message>
        <message>
            <source>ridge penalty on the item weights</source>
            <translation>아이템 가중치에 주는 릿지 페널티</translation>
        </message>
        <message>
            <source>Weight of 'liked'</source>
            <translation>'좋아함'의 가중치</translation>
        </message>
        <message>
            <source>input = (1 − w)·rated + w·liked (rating in the scale's top quarter: 4 on 1–5)</source>
            <translation>입력 = (1 − w)·평가함 + w·좋아함(평점이 척도의 상위 4분의 1: 1–5에서 4)</translation>
        </message>
        <message>
            <source>Popularity (top-N baseline)</source>
            <translation>인기도 (상위 N 기준 모델)</translation>
        </message>
        <message>
            <source>Popularity: items ranked by their number of ratings; the baseline for top-N lists</source>
            <translation>인기도: 평점 개수로 아이템 순위를 매깁니다. 상위 N 목록의 기준 모델입니다</translation>
        </message>
        <message>
            <source>User-based (U-AutoRec)</source>
            <translation>사용자 기반 (U-AutoRec)</translation>
        </message>
        <message>
            <source>each user's row of ratings is the input (default: each item's column)</source>
            <translation>각 사용자의 평점 행을 입력으로 사용 (기본: 각 아이템의 열)</translation>
        </message>
        <message>
            <source>Full-batch L-BFGS</source>
            <translation>전체 배치 L-BFGS</translation>
        </message>
        <message>
            <source>L-BFGS on the whole matrix instead of Adam: an epoch is 10 L-BFGS iterations; learning rate and batch size are not used</source>
            <translation>Adam 대신 행렬 전체에 L-BFGS: 에폭 하나가 L-BFGS 10회 반복이며, 학습률과 배치 크기는 쓰지 않음</translation>
        </message>
        <message>
            <source>bfloat16 products</source>
            <translation>bfloat16 행렬곱</translation>
        </message>
        <message>
            <source>train with bfloat16 matrix products when the CPU has them natively (AVX-512 BF16, AMX); ignored elsewhere</source>
            <translation>CPU가 bfloat16을 직접 지원하면(AVX-512 BF16, AMX) bfloat16 행렬곱으로 학습; 그 밖에서는 무시</translation>
        </message>
        <message>
            <source>SVD++ + AutoRec blend (large data)</source>
            <translation>SVD++ + AutoRec 블렌드 (대용량 데이터)</translation>
        </message>
        <message>
            <source>Stack: SVD++, item- and user-based AutoRec in turn, weights learned on a validation slice</source>
            <translation>스택: SVD++, 아이템 기반·사용자 기반 AutoRec을 차례로 학습, 가중치는 검증 조각에서 학습</translation>
        </message>
        <message>
            <source>SVD++ part</source>
            <translation>SVD++ 부분</translation>
        </message>
        <message>
            <source>I-AutoRec part</source>
            <translation>I-AutoRec 부분</translation>
        </message>
        <message>
            <source>U-AutoRec part</source>
            <translation>U-AutoRec 부분</translation>
        </message>
        <message>
            <source>Weight of SVD++</source>
            <translation>SVD++ 가중치</translation>
        </message>
        <message>
            <source>Weight of I-AutoRec</source>
            <translation>I-AutoRec 가중치</translation>
        </message>
        <message>
            <source>Weight of U-AutoRec</source>
            <translation>U-AutoRec 가중치</translation>
        </message>
        <message>
            <source>Offset</source>
            <translation>오프셋</translation>
        </message>
        <message>
            <source>added to the weighted sum (the weights need not sum to 1)</source>
            <translation>가중합에 더하는 값 (가중치의 합이 1일 필요는 없음)</translation>
        </message>
        <message>
            <source>Learn the weights on</source>
            <translation>가중치 학습용 비율</translation>
        </message>
        <message>
            <source>share of the training ratings held out to learn the weights and offset by least squares (the parts train on the rest); 0 = use the weights above</source>
            <translation>가중치와 오프셋을 최소제곱으로 학습하려고 떼어 두는 학습 평점의 비율 (부분 모델은 나머지로 학습); 0 = 위의 가중치 사용</translation>
        </message>
        <message>
            <source>SVD++ + AutoRec blend, weights learned on each file (large data)</source>
            <translation>SVD++ + AutoRec 블렌드, 파일마다 가중치 학습 (대용량 데이터)</translation>
        </message>
        <message>
            <source>The blend, its weights learned by least squares on 10 % of the training ratings</source>
            <translation>블렌드: 가중치를 학습 평점의 10 %에서 최소제곱으로 학습</translation>
        </message>
        <message>
            <source>Sparse gradients</source>
            <translation>희소 그래디언트</translation>
        </message>
        <message>
            <source>sparse embedding gradients scattered into a fused Adam: faster on very large tables (MovieLens-25M size), the same Adam</source>
            <translation>임베딩의 희소 그래디언트를 융합(fused) Adam에 흩어 넣습니다: 매우 큰 표(MovieLens-25M 크기)에서 더 빠르고, Adam은 같습니다</translation>
        </message>
        <message>
            <source>L2 once per user and item</source>
            <translation>사용자·항목마다 한 번 L2</translation>
        </message>
        <message>
            <source>λ of a Gaussian prior on each user's and item's vector, counted once per user and item instead of once per rating (0 = off: the L2 on embeddings above); popular items are then not shrunk harder than rare ones</source>
            <translation>각 사용자와 항목 벡터에 대한 가우스 사전분포의 λ로, 평점마다가 아니라 사용자·항목마다 한 번 셉니다(0 = 끔: 위의 임베딩 L2 사용); 그러면 인기 항목이 드문 항목보다 더 세게 줄어들지 않습니다</translation>
        </message>
        <message>
            <source>Early-stopping share</source>
            <translation>조기 종료용 비율</translation>
        </message>
        <message>
            <source>hold out this share of the training ratings and keep the epoch with the lowest error on them, stopping 2 epochs after it (0 = off)</source>
            <translation>학습 평점 중 이 비율을 떼어 두고 그 오차가 가장 낮은 에포크를 남기며, 그 뒤 2 에포크에서 멈춥니다(0 = 끔)</translation>
        </message>
        <message>
            <source>Bayesian MF (Gibbs sampling)</source>
            <translation>베이지안 MF (깁스 샘플링)</translation>
        </message>
        <message>
            <source>Bayesian MF (Salakhutdinov &amp; Mnih 2008): factors drawn by Gibbs sampling, predictions averaged</source>
            <translation>베이지안 MF (Salakhutdinov &amp; Mnih 2008): 깁스 샘플링으로 뽑은 인수들의 예측을 평균</translation>
        </message>
        <message>
            <source>Gibbs sweeps</source>
            <translation>깁스 스윕 수</translation>
        </message>
        <message>
            <source>each sweep draws every user's, then every item's vector and bias from its posterior given the others</source>
            <translation>스윕마다 모든 사용자의, 이어서 모든 아이템의 벡터와 편향을 나머지가 주어진 사후분포에서 뽑습니다</translation>
        </message>
        <message>
            <source>Burn-in sweeps</source>
            <translation>번인 스윕 수</translation>
        </message>
        <message>
            <source>sweeps before the samples start to count (the chain forgets its random start); with fewer sweeps than this, only the last one counts</source>
            <translation>샘플을 세기 시작하기 전의 스윕 수 (체인이 무작위 시작점을 잊도록); 스윕이 이보다 적으면 마지막 스윕만 셉니다</translation>
        </message>
        <message>
            <source>Keep every n-th sample</source>
            <translation>n번째 샘플마다 보관</translation>
        </message>
        <message>
            <source>after the burn-in, every n-th sweep's sample joins the average</source>
            <translation>번인 뒤 n번째 스윕마다 그 샘플을 평균에 넣습니다</translation>
        </message>
        <message>
            <source>Noise level per user</source>
            <translation>사용자별 잡음 수준</translation>
        </message>
        <message>
            <source>draw one noise precision per user (a user with noisy ratings pulls the items less); off: one for all ratings, as in the paper</source>
            <translation>사용자마다 잡음 정밀도를 하나씩 뽑습니다 (평점이 들쭉날쭉한 사용자는 아이템을 덜 끌어당김); 끄면 논문처럼 모든 평점에 하나</translation>
        </message>
        <message>
            <source>Bayesian MF + AutoRec blend (large data)</source>
            <translation>베이지안 MF + AutoRec 블렌드 (대규모 데이터)</translation>
        </message>
        <message>
            <source>Stack: Bayesian MF (Gibbs sampling), item- and user-based AutoRec, weights depending on the user's and the item's number of ratings</source>
            <translation>스택: 베이지안 MF (깁스 샘플링), 아이템 기반과 사용자 기반 AutoRec; 가중치는 사용자와 아이템의 평점 수에 따라 달라짐</translation>
        </message>
        <message>
            <source>Bayesian MF part</source>
            <translation>베이지안 MF 부분</translation>
        </message>
        <message>
            <source>share of the training ratings held out to learn the weights by least squares (the parts train on the rest); 0 = the weights learned on ml-100k u1.base</source>
            <translation>가중치를 최소제곱으로 학습하려고 떼어 두는 학습 평점의 비율 (부분 모델은 나머지로 학습); 0 = ml-100k u1.base에서 학습한 가중치</translation>
        </message>
        <message>
            <source>Bayesian MF + AutoRec blend, weights learned on each file (large data)</source>
            <translation>베이지안 MF + AutoRec 블렌드, 파일마다 가중치 학습 (대규모 데이터)</translation>
        </message>
        <message>
            <source>The Bayesian MF blend, its count-aware weights learned by least squares on 10 % of the ratings</source>
            <translation>베이지안 MF 블렌드: 평점 수를 반영한 가중치를 평점의 10%에서 최소제곱으로 학습</translation>
        </message>
        <message>
            <source>U-AutoRec (large data)</source>
            <translation>U-AutoRec (대규모 데이터)</translation>
        </message>
        <message>
            <source>Blend weights (least squares)</source>
            <translation>블렌드 가중치 (최소제곱)</translation>
        </message>
    </context>
    <context>
        <name>ValidationOptions</name>
        <message>
            <source>Validation and uncertainty</source>
            <translation>검증과 불확실성</translation>
        </message>
        <message>
            <source>Hold out</source>
            <translation>떼어 두기</translation>
        </message>
        <message>
            <source>Keep this share of the known ratings out of training (seeded with the training seed, at least one rating) and plot the loss on them: the validation curve shows whether the model generalises or overfits</source>
            <translation>알려진 평점의 이 비율을 훈련에서 빼고(훈련 시드로 정함, 최소 평점 하나) 그 평점에 대한 손실을 그립니다. 검증 곡선은 모델이 일반화하는지 과적합하는지 보여 줍니다</translation>
        </message>
        <message>
            <source>Share of the known ratings held out for validation (at least one rating)</source>
            <translation>검증용으로 떼어 두는 알려진 평점의 비율(최소 평점 하나)</translation>
        </message>
        <message>
            <source>no early stop</source>
            <translation>조기 종료 없음</translation>
        </message>
        <message>
            <source> epochs</source>
            <translation> 에폭</translation>
        </message>
        <message>
            <source>patience </source>
            <translation>인내 </translation>
        </message>
        <message>
            <source>Early stopping: stop after this many epochs without a better validation loss and keep the best epoch's weights (needs the holdout)</source>
            <translation>조기 종료: 검증 손실이 이만큼의 에폭 동안 나아지지 않으면 멈추고 가장 좋은 에폭의 가중치를 유지합니다(떼어 두기가 필요)</translation>
        </message>
        <message>
            <source>Ensemble of</source>
            <translation>앙상블:</translation>
        </message>
        <message>
            <source>Train this many models with seeds seed, seed+1, …; the grid shows their mean, and a darker cell and the tooltip show where they disagree</source>
            <translation>시드 seed, seed+1, …로 모델을 이만큼 훈련합니다. 표에는 평균이 표시되고, 진한 칸과 도움말 풍선이 모델들이 엇갈리는 곳을 보여 줍니다</translation>
        </message>
        <message>
            <source> seeds</source>
            <translation> 시드</translation>
        </message>
        <message>
            <source>Train RMSE {0:.3f} · MAE {1:.3f} ({2} ratings)</source>
            <translation>훈련 RMSE {0:.3f} · MAE {1:.3f} (평점 {2}개)</translation>
        </message>
        <message>
            <source>Validation RMSE {0:.3f} · MAE {1:.3f} ({2} held out)</source>
            <translation>검증 RMSE {0:.3f} · MAE {1:.3f} (떼어 둔 평점 {2}개)</translation>
        </message>
        <message>
            <source>Early stopping kept epoch {0} of {1}</source>
            <translation>조기 종료로 에폭 {1}개 중 {0}번째를 유지했습니다</translation>
        </message>
        <message>
            <source>Ensemble of {k} seeds: the grid shows their mean; the spread (sd) of a predicted cell reaches {s:.3f}; darker = the models disagree more</source>
            <translation>시드 {k}개의 앙상블: 표에는 평균이 표시됩니다. 예측 칸의 편차(표준편차)는 최대 {s:.3f}이며, 진할수록 모델들이 더 크게 엇갈립니다</translation>
        </message>
    </context>
</TS>
